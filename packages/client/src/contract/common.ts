import { z } from 'zod';

/**
 * The building blocks of the wire contract: ids, timestamps, money strings, metadata, pages
 * and the error body of REST API v1. Output objects are strict, so a server that adds a field
 * by accident (or drops one) fails its own response check instead of drifting silently.
 */

/** Limits of REST API v1; the server's tests check that they equal the engine's. */
export const wireLimits = {
  descriptionLengthMax: 1000,
  metadataKeysMax: 50,
  metadataKeyLengthMax: 40,
  metadataValueLengthMax: 500,
  nameLengthMax: 255,
  amountLengthMax: 64,
  idempotencyKeyLengthMax: 255,
  requestIdLengthMax: 128,
  pageMax: 1_000_000,
  pageSizeMax: 100,
  pageSizeDefault: 20,
  batchSizeMax: 1000,
  passwordLengthMin: 8,
  passwordLengthMax: 128,
  emailLengthMax: 254,
  bodyBytesMax: 1024 * 1024,
} as const;

const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const printable = /^[^\p{Cc}\p{Cs}]*$/u;

/** A UUID (the server issues time-ordered v7 ids), compared case-insensitively. */
export const uuidSchema = z
  .string({ error: 'must be a UUID string' })
  .regex(uuidPattern, 'must be a UUID')
  .meta({ format: 'uuid' });

/** An instant the server writes: ISO 8601 UTC with milliseconds (`2026-01-02T03:04:05.678Z`). */
export const timestampSchema = z.iso.datetime({ precision: 3 });

/** The earliest and latest instants of the API (years 1..9999, UTC). */
export const instantTimeMin = -62_135_596_800_000;
export const instantTimeMax = 253_402_300_799_999;

/** An instant a caller sends: ISO 8601 with a time zone (`Z` or an offset). */
export const instantInputSchema = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 timestamp with a time zone, such as 2026-01-02T03:04:05.678Z',
  })
  // An offset can move a year-9999 instant past 9999 in UTC, which has no ISO form to answer.
  .refine((value) => {
    const time = Date.parse(value);
    return time >= instantTimeMin && time <= instantTimeMax;
  }, 'must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z');

/**
 * An amount a caller sends: a positive decimal string. Its scale (at most the currency's
 * minor units) and its maximum (10^20 - 1 minor units) are checked against the wallet's
 * currency by the server.
 */
export const amountInputSchema = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? 'must be a decimal string such as "10.50", not a JSON number'
        : 'must be a decimal string such as "10.50"',
  })
  .max(wireLimits.amountLengthMax, `must be at most ${wireLimits.amountLengthMax} characters`)
  .regex(
    /^\d+(\.\d+)?$/,
    'must be a positive decimal string such as "10.50" (no sign, no exponent)',
  )
  .meta({ examples: ['10.50'] });

/** An amount the server writes: exactly the currency's scale; a SYSTEM wallet may be negative. */
export const amountSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ examples: ['10.50'] });

/** A currency code: ISO 4217 (`USD`) or a custom asset the server is configured with. */
export const currencySchema = z
  .string({ error: 'must be a currency code string' })
  .regex(/^[A-Z][A-Z0-9_]{1,15}$/, 'must be an upper-case currency code such as "USD"');

function text(lengthMax: number) {
  return z
    .string({ error: 'must be a string' })
    .max(lengthMax, `must be at most ${lengthMax} characters`)
    .regex(printable, 'must not contain control characters');
}

/** A required name: 1..255 printable characters, not only spaces. */
export const nameSchema = text(wireLimits.nameLengthMax).refine(
  (value) => value.trim().length > 0,
  'must not be empty',
);

/** An optional free-text description of at most 1,000 characters. */
export const descriptionInputSchema = text(wireLimits.descriptionLengthMax).nullable().optional();

/** Flat string metadata: at most 50 keys of 1..40 characters, values of at most 500. */
export const metadataInputSchema = z
  .record(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_.:-]{1,40}$/,
        'metadata keys are 1..40 letters, digits, "_", ".", ":" or "-"',
      )
      .refine(
        (key) => key !== 'constructor' && key !== 'prototype' && key !== '__proto__',
        'this metadata key is reserved',
      ),
    z
      .string({ error: 'metadata values must be strings' })
      .max(wireLimits.metadataValueLengthMax, 'metadata values must be at most 500 characters'),
    { error: 'must be an object of string values' },
  )
  .refine(
    (value) => Object.keys(value).length <= wireLimits.metadataKeysMax,
    `must have at most ${wireLimits.metadataKeysMax} keys`,
  )
  .optional();

/** Metadata as the server writes it. */
export const metadataSchema = z.record(z.string(), z.string());

/** An email address, compared case-insensitively (the server stores it lower-case). */
export const emailSchema = z
  .email({ error: 'must be an email address' })
  .max(wireLimits.emailLengthMax, `must be at most ${wireLimits.emailLengthMax} characters`);

/** A role in an organization. */
export const roleSchema = z.enum(['OWNER', 'ADMIN', 'MEMBER']);

/** An integer query parameter: digits only (`page=2`), no sign, fraction or exponent. */
function integerQuery(min: number, max: number) {
  return z
    .string({ error: `must be an integer from ${min} to ${max}` })
    .regex(/^[0-9]{1,9}$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .int()
        .min(min, `must be at least ${min}`)
        .max(
          max,
          `must be at most ${max}${max === wireLimits.pageMax ? '; use the cursor for deep lists' : ''}`,
        ),
    );
}

/** The pagination parameters every list endpoint takes. */
export const paginationQueryShape = {
  page: integerQuery(1, wireLimits.pageMax).optional(),
  page_size: integerQuery(1, wireLimits.pageSizeMax).optional(),
  cursor: z.string().min(1).max(512).optional(),
};

/** A strict query object with the pagination parameters; `page` and `cursor` exclude each other. */
export function paginatedQuery<T extends z.ZodRawShape>(shape: T) {
  return z
    .strictObject({ ...shape, ...paginationQueryShape })
    .refine(
      (value) =>
        (value as { page?: number }).page === undefined ||
        (value as { cursor?: string }).cursor === undefined,
      { path: ['cursor'], message: 'pass either page or cursor, not both' },
    );
}

/**
 * A Page of a list: page mode (`page`) gives `total` and `pages`; cursor mode may give `null`
 * for both. `next_cursor` is `null` on the last page.
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    total: z.int().nonnegative().nullable(),
    page: z.int().positive().nullable(),
    page_size: z.int().positive(),
    pages: z.int().nonnegative().nullable(),
    next_cursor: z.string().nullable(),
  });
}

/** The body of every error response, whatever the status. */
export const errorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ examples: ['INSUFFICIENT_FUNDS'] }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
      request_id: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** An Idempotency-Key header value: 1..255 printable ASCII characters. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x20-\x7e]{1,255}$/, 'must be 1..255 printable ASCII characters');

/** A client-sent X-Request-Id the server keeps: 1..128 printable ASCII characters. */
export const requestIdSchema = z.string().regex(/^[\x21-\x7e]{1,128}$/);
