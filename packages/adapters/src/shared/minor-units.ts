import { InternalError } from '@vaultcraft/core';

/**
 * Minor units travel to and from storage as canonical integer text (`'-1234'`): exact at any
 * size, and free of SQLite's NUMERIC affinity, which would turn large values into floats.
 */
const integerText = /^-?(0|[1-9][0-9]*)$/;

/** A bigint amount as the canonical integer text stored in a column. */
export function minorToText(value: bigint): string {
  return value.toString();
}

/**
 * The bigint of a stored integer text. Anything else (a float, an empty string, a number) is a
 * corrupted row, never a business case: it fails loudly instead of guessing.
 *
 * @throws `INTERNAL` when `text` is not canonical integer text.
 */
export function textToMinor(text: unknown, column: string): bigint {
  if (typeof text !== 'string' || !integerText.test(text)) {
    throw new InternalError(
      `Column ${column} holds ${JSON.stringify(text)}, not integer minor units`,
    );
  }
  return BigInt(text);
}

/** Like {@link textToMinor}, for a nullable column. */
export function nullableTextToMinor(text: unknown, column: string): bigint | null {
  return text === null ? null : textToMinor(text, column);
}
