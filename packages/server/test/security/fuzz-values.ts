// The hostile values the fuzz suite draws from: strings (injection, unicode, lone surrogates,
// right-to-left marks, control characters, huge), numbers written as raw JSON (`-0`, `1e3`,
// `1e400`), amount look-alikes, ids, instants and nested junk. A JSON body is built as a
// `JsonText` tree so that it can hold what JSON.stringify cannot write: duplicate keys,
// "__proto__" keys and numbers exactly as typed.
import fc from 'fast-check';

/** A JSON fragment written exactly as given. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON object as ordered key/value pairs (duplicates and "__proto__" allowed). */
export class JsonPairs {
  constructor(readonly pairs: readonly (readonly [string, unknown])[]) {}
}

/** Writes `value` as JSON text; `RawJson` and `JsonPairs` as they are. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonPairs) {
    return `{${value.pairs.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return toJsonText(new JsonPairs(Object.entries(value)));
  }
  return JSON.stringify(value) ?? 'null';
}

/** Single characters that break naive code: controls, lone surrogates, bidi marks, BOM. */
const nastyCharacters = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\u200b',
  '\u200f',
  '\u202e',
  '\u2028',
  '\u2066',
  '\ufeff',
  '\uffff',
  '\t',
  '\n',
  '\r',
  '"',
  "'",
  '\\',
  '%',
  '/',
] as const;

const unicodeUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.constantFrom(...nastyCharacters), weight: 1 },
);

/** Strings of any code points, lone surrogates and control characters included. */
export const unicodeString = fc.string({ unit: unicodeUnit, maxLength: 24 });

/** SQL, JSON, template and path injection, and look-alikes of words the server knows. */
export const injectionString = fc.constantFrom(
  "' OR 1=1 --",
  "' OR '1'='1",
  "'; DROP TABLE ledger_wallets; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  "') UNION SELECT password_hash FROM vaultcraft_users --",
  '\\x00',
  '"}],"amount":"1000000',
  '","role":"OWNER',
  '{"$gt":""}',
  '{"__proto__":{"admin":true}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, on purpose
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  'null',
  'undefined',
  'NaN',
  'true',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
  ' ',
  '\u202eDSU',
  'مرحبا بالعالم',
  'ＵＳＤ',
  'İ',
  'ß',
  '😀',
);

/** Long strings around the limits of the contract (255, 1000, 4096 characters) and beyond. */
export const longString = fc
  .constantFrom(41, 129, 254, 255, 256, 500, 501, 1000, 1001, 4097, 70_000)
  .chain((length) =>
    fc.constantFrom('x', 'é', '😀', '\u202e', '\u0000').map((unit) => unit.repeat(length)),
  );

/** Any hostile string. */
export const junkString = fc.oneof(unicodeString, injectionString, longString);

/** Numbers as raw JSON: negative zero, exponents, overflow, huge integers. */
export const rawNumber = fc.oneof(
  fc
    .constantFrom(
      '-0',
      '0',
      '1e3',
      '1E+3',
      '1e-3',
      '10.50',
      '1e400',
      '-1e400',
      '5e-324',
      '123456789012345678901234567890',
      '0.1e1',
      '-1',
      '9007199254740993',
    )
    .map((text) => new RawJson(text)),
  fc.integer().map((value) => new RawJson(String(value))),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => new RawJson(String(value))),
);

/** Strings that look like amounts but are not valid ones (or are zero, or too precise). */
export const amountLookAlike = fc.oneof(
  fc.constantFrom(
    '1e3',
    '1E3',
    '-0',
    '-0.00',
    '+1',
    '+0',
    '0',
    '0.00',
    '00.10',
    ' 1',
    '1 ',
    '1.',
    '.5',
    '1..2',
    '1.2.3',
    '0x10',
    '١٢٣',
    '１',
    '1,000',
    '1_000',
    '10.505',
    '0.001',
    'Infinity',
    '-1',
    '100000000000000000000',
    '99999999999999999999999',
    '1'.repeat(65),
    `0.${'0'.repeat(60)}1`,
  ),
  fc.stringMatching(/^[+-]?\d{0,25}(\.\d{0,10})?([eE][+-]?\d{1,3})?$/),
);

/** Valid amounts for USD (and JPY when whole). */
export const validAmount = fc.constantFrom('1', '0.01', '2.50', '3', '0.10');

/** Instants: valid far from now, and many that are not valid instants of the API. */
export const instantValue = fc.oneof(
  fc.constantFrom(
    '2999-01-01T00:00:00.000Z',
    '2000-01-01T00:00:00Z',
    '2026-01-01T00:00:00',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999-01:00',
    '+275760-09-13T00:00:00Z',
    '2026-01-01',
    'yesterday',
    '1735689600',
  ),
  fc
    .date({ min: new Date(-62_135_596_800_000), max: new Date(253_402_300_799_999) })
    .filter((date) => !Number.isNaN(date.getTime()))
    .map((date) => date.toISOString()),
);

/** Any JSON value, nested junk included (objects, arrays, null). */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: junkString, weight: 4 },
  { arbitrary: rawNumber, weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  {
    arbitrary: fc
      .constantFrom(2, 64, 5000)
      .map((depth) => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
    weight: 1,
  },
);

/** Random UUIDs, upper-case ones, and strings that are almost UUIDs. */
export const strangeId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => `${id} `),
  fc.uuid().map((id) => id.replace(/-/g, '')),
  fc.uuid().map((id) => `{${id}}`),
  fc.uuid().map((id) => `${id.slice(0, -1)}g`),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
);
