import { z } from 'zod';

/**
 * The zod schemas of the engine's inputs. Objects are strict: an unknown field is an error,
 * never ignored. Limits are documented in docs/concepts.md and tested on both sides.
 */

/** Limits on free-form input. */
export const limits = {
  descriptionLengthMax: 1000,
  metadataKeysMax: 50,
  metadataKeyLengthMax: 40,
  metadataValueLengthMax: 500,
  nameLengthMax: 255,
  ownerIdLengthMax: 255,
  idempotencyKeyLengthMax: 255,
  pageSizeMax: 100,
  pageSizeDefault: 20,
  pageMax: 1_000_000,
  batchSizeMax: 1000,
} as const;

const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A UUID, normalized to lower case. */
export const idSchema = z
  .string({ error: 'must be a UUID string' })
  .regex(uuidPattern, 'must be a UUID')
  .transform((value) => value.toLowerCase());

/**
 * An amount as a decimal string. Its scale and maximum are checked later, against the
 * currency of the wallet involved.
 */
export const amountSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : typeof issue.input === 'number' || typeof issue.input === 'bigint'
          ? 'must be a decimal string such as "10.50", not a number'
          : 'must be a decimal string such as "10.50"',
  })
  .regex(
    /^\d+(\.\d+)?$/,
    'must be a positive decimal string such as "10.50" (digits, an optional fraction, no sign or exponent)',
  );

const printable = /^[^\p{Cc}\p{Cs}]*$/u;

function text(lengthMax: number) {
  return z
    .string({ error: 'must be a string' })
    .max(lengthMax, `must be at most ${lengthMax} characters`)
    .regex(printable, 'must not contain control characters');
}

/** A required name: 1..255 printable characters, not only spaces. */
export const nameSchema = text(limits.nameLengthMax).refine(
  (value) => value.trim().length > 0,
  'must not be empty',
);

/** An owner reference: any id of your application, 1..255 printable characters. */
export const ownerIdSchema = text(limits.ownerIdLengthMax).refine(
  (value) => value.trim().length > 0,
  'must not be empty',
);

/** An optional description (at most 1,000 characters); `null` and absent mean none. */
export const descriptionSchema = text(limits.descriptionLengthMax).nullable().optional();

const metadataKeyPattern = /^[A-Za-z0-9_.:-]{1,40}$/;
const reservedMetadataKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Metadata: a flat object of at most 50 string values (keys of 1..40 letters, digits, `_`, `.`,
 * `:` or `-`; values of at most 500 characters).
 */
export const metadataSchema = z
  .record(
    z
      .string()
      .regex(metadataKeyPattern, 'metadata keys are 1..40 letters, digits, "_", ".", ":" or "-"')
      // Keys that name Object.prototype members would be dropped or worse by plain objects.
      .refine((key) => !reservedMetadataKeys.has(key), 'this metadata key is reserved'),
    z
      .string({ error: 'metadata values must be strings' })
      .max(
        limits.metadataValueLengthMax,
        `metadata values must be at most ${limits.metadataValueLengthMax} characters`,
      )
      .regex(printable, 'must not contain control characters'),
    { error: 'must be an object of string values' },
  )
  .refine((value) => Object.keys(value).length <= limits.metadataKeysMax, {
    message: `must have at most ${limits.metadataKeysMax} keys`,
  })
  // Frozen: the same object is kept by the store and handed to callers.
  .transform((value): Readonly<Record<string, string>> => Object.freeze(value))
  .optional();

/** The metadata of a row created without any: one shared, frozen empty object. */
export const emptyMetadata: Readonly<Record<string, string>> = Object.freeze({});

/** A currency code (the registry decides whether it is known). */
export const currencyCodeSchema = z
  .string({ error: 'must be a currency code string' })
  .regex(/^[A-Z][A-Z0-9_]{1,15}$/, 'must be an upper-case currency code such as "USD"');

const instantMin = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const instantMax = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An instant: a `Date` or an ISO 8601 string with a time zone, in years 1..9999 (UTC). */
export const instantSchema = z
  .union([
    z.date({ error: 'must be a valid date' }),
    z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with a time zone' }),
  ])
  .transform((value) => (typeof value === 'string' ? new Date(value) : value))
  .refine((value) => !Number.isNaN(value.getTime()), 'must be a valid date')
  // An offset can push year 9999 past 9999 in UTC: such an instant has no ISO 8601 form with a
  // four-digit year, and neither the API nor PostgreSQL can write it back.
  .refine(
    (value) => value.getTime() >= instantMin && value.getTime() <= instantMax,
    'must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z',
  );

export const walletTypeSchema = z.enum(['PRIMARY', 'BONUS', 'SYSTEM']);
export const walletStatusSchema = z.enum(['ACTIVE', 'FROZEN']);
export const transactionTypeSchema = z.enum(['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'REVERSAL']);
export const transactionStatusSchema = z.enum(['PENDING', 'COMPLETED', 'FAILED', 'VOIDED']);

/** An idempotency key: 1..255 printable ASCII characters. */
export const idempotencyKeySchema = z
  .string({ error: 'must be a string' })
  .regex(/^[\x20-\x7e]{1,255}$/, 'must be 1..255 printable ASCII characters');

const paginationShape = {
  page: z
    .int({ error: 'must be an integer' })
    .min(1, 'must be at least 1')
    .max(limits.pageMax, `must be at most ${limits.pageMax}; use the cursor for deep lists`)
    .optional(),
  pageSize: z
    .int({ error: 'must be an integer' })
    .min(1, 'must be at least 1')
    .max(limits.pageSizeMax, `must be at most ${limits.pageSizeMax}`)
    .optional(),
  cursor: z.string({ error: 'must be a string' }).min(1).max(512).optional(),
};

function paginated<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({ ...shape, ...paginationShape }).superRefine((value, context) => {
    const { page, cursor } = value as { page?: number; cursor?: string };
    if (page !== undefined && cursor !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: 'pass either page or cursor, not both',
      });
    }
  });
}

export const createOrganizationSchema = z.strictObject({
  name: nameSchema,
  metadata: metadataSchema,
});

export const listOrganizationsSchema = paginated({});

export const createWalletSchema = z.strictObject({
  name: nameSchema,
  walletType: walletTypeSchema,
  currency: currencyCodeSchema,
  ownerId: ownerIdSchema,
  metadata: metadataSchema,
});

export const listWalletsSchema = paginated({
  ownerId: ownerIdSchema.optional(),
  walletType: walletTypeSchema.optional(),
  currency: currencyCodeSchema.optional(),
  status: walletStatusSchema.optional(),
});

export const balanceOptionsSchema = z.strictObject({ asOf: instantSchema.optional() });

const moveShape = {
  amount: amountSchema,
  description: descriptionSchema,
  metadata: metadataSchema,
};

export const depositSchema = z.strictObject({ walletId: idSchema, ...moveShape });
export const withdrawalSchema = depositSchema;

export const transferSchema = z
  .strictObject({
    fromWalletId: idSchema,
    toWalletId: idSchema,
    ...moveShape,
    hold: z.boolean({ error: 'must be a boolean' }).optional(),
    expiresAt: instantSchema.nullable().optional(),
  })
  .superRefine((value, context) => {
    if (value.expiresAt != null && value.hold !== true) {
      context.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'only a hold (hold: true) can expire',
      });
    }
  });

export const batchSchema = z.strictObject({
  transfers: z
    .array(z.unknown(), { error: 'must be an array of transfers' })
    .min(1, 'must hold at least 1 transfer')
    .max(limits.batchSizeMax, `must hold at most ${limits.batchSizeMax} transfers`),
});

export const captureSchema = z.strictObject({ amount: amountSchema.optional() });

export const reverseSchema = z.strictObject({
  amount: amountSchema.optional(),
  description: descriptionSchema,
  metadata: metadataSchema,
});

export const listTransactionsSchema = paginated({
  walletId: idSchema.optional(),
  transactionType: transactionTypeSchema.optional(),
  status: transactionStatusSchema.optional(),
  createdFrom: instantSchema.optional(),
  createdTo: instantSchema.optional(),
});

export const listEntriesSchema = paginated({});

export const writeOptionsSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema.optional(),
  fingerprint: z.string().min(1).max(512).optional(),
});

/**
 * Input of `vault.organizations.create`: `name` (1..255 characters) and optional `metadata`.
 *
 * @interface
 */
export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;
/**
 * Query of `vault.organizations.list`: `page` or `cursor`, and `pageSize` (1..100, default 20).
 *
 * @interface
 */
export type ListOrganizationsInput = z.input<typeof listOrganizationsSchema>;
/**
 * Input of `wallets.create`: `name`, `walletType` (`PRIMARY`, `BONUS` or `SYSTEM`), `currency`
 * (an ISO 4217 code or a custom asset of the vault), `ownerId` (any id of your application) and
 * optional `metadata`.
 *
 * @interface
 */
export type CreateWalletInput = z.input<typeof createWalletSchema>;
/**
 * Query of `wallets.list`: the filters `ownerId`, `walletType`, `currency` and `status`, with
 * `page` or `cursor`, and `pageSize` (1..100, default 20).
 *
 * @interface
 */
export type ListWalletsInput = z.input<typeof listWalletsSchema>;
/**
 * Options of `wallets.balance`: `asOf`, an instant (a `Date` or an ISO 8601 string) at which to
 * read the posted balance; without it, the current balance and available balance.
 *
 * @interface
 */
export type BalanceOptions = z.input<typeof balanceOptionsSchema>;
/**
 * Input of `transactions.deposit`: `walletId`, `amount` (a decimal string such as `'10.50'`),
 * optional `description` and `metadata`. The money comes from the organization's SYSTEM wallet
 * of the currency.
 *
 * @interface
 */
export type DepositInput = z.input<typeof depositSchema>;
/**
 * Input of `transactions.withdraw`: `walletId`, `amount` (a decimal string), optional
 * `description` and `metadata`. The money goes to the organization's SYSTEM wallet of the
 * currency.
 *
 * @interface
 */
export type WithdrawalInput = z.input<typeof withdrawalSchema>;
/**
 * Input of `transactions.transfer`: `fromWalletId`, `toWalletId`, `amount` (a decimal string),
 * optional `description` and `metadata`; `hold: true` reserves the amount instead of posting
 * it, until captured, voided, or `expiresAt` passes.
 *
 * @interface
 */
export type TransferInput = z.input<typeof transferSchema>;
/** Input of `transactions.batch`: 1..1000 transfers, applied in order, all or nothing. */
export type BatchInput = { readonly transfers: readonly TransferInput[] };
/**
 * Input of `transactions.capture`: an optional `amount`, at most the held amount (all of it by
 * default; the rest is released).
 *
 * @interface
 */
export type CaptureInput = z.input<typeof captureSchema>;
/**
 * Input of `transactions.reverse`: an optional `amount` (what is left to reverse by default),
 * optional `description` and `metadata`.
 *
 * @interface
 */
export type ReverseInput = z.input<typeof reverseSchema>;
/**
 * Query of `transactions.list`: the filters `walletId`, `transactionType`, `status`,
 * `createdFrom` and `createdTo`, with `page` or `cursor`, and `pageSize` (1..100, default 20).
 *
 * @interface
 */
export type ListTransactionsInput = z.input<typeof listTransactionsSchema>;
/**
 * Query of `wallets.entries` (a wallet's statement): `page` or `cursor`, and `pageSize`
 * (1..100, default 20).
 *
 * @interface
 */
export type ListEntriesInput = z.input<typeof listEntriesSchema>;
/**
 * Options of every write: an `idempotencyKey` (1..255 printable ASCII characters), and
 * optionally your own request `fingerprint` (a server passes method + path + body).
 *
 * @interface
 */
export type WriteOptions = z.input<typeof writeOptionsSchema>;
