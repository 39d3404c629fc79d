import { z } from 'zod';
import {
  amountInputSchema,
  amountSchema,
  currencySchema,
  descriptionInputSchema,
  instantInputSchema,
  metadataInputSchema,
  metadataSchema,
  nameSchema,
  paginatedQuery,
  timestampSchema,
  uuidSchema,
  wireLimits,
} from './common.js';

/** Wire schemas of wallets, balances, transactions and entries. */

export const walletTypeSchema = z.enum(['PRIMARY', 'BONUS', 'SYSTEM']);
export const walletStatusSchema = z.enum(['ACTIVE', 'FROZEN']);
export const transactionTypeSchema = z.enum(['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'REVERSAL']);
export const transactionStatusSchema = z.enum(['PENDING', 'COMPLETED', 'FAILED', 'VOIDED']);

export const walletSchema = z
  .strictObject({
    id: uuidSchema,
    organization_id: uuidSchema,
    owner_id: z.string(),
    name: z.string(),
    wallet_type: walletTypeSchema,
    currency: z.string(),
    status: walletStatusSchema,
    balance: amountSchema,
    available_balance: amountSchema,
    metadata: metadataSchema,
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: 'Wallet' });

export const balanceSchema = z
  .strictObject({
    wallet_id: uuidSchema,
    currency: z.string(),
    balance: amountSchema,
    available_balance: amountSchema.nullable(),
    as_of: timestampSchema,
  })
  .meta({ id: 'Balance' });

export const entrySchema = z
  .strictObject({
    id: uuidSchema,
    transaction_id: uuidSchema,
    wallet_id: uuidSchema,
    direction: z.enum(['DEBIT', 'CREDIT']),
    amount: amountSchema,
    balance_after: amountSchema,
    created_at: timestampSchema,
  })
  .meta({ id: 'Entry' });

export const transactionSchema = z
  .strictObject({
    id: uuidSchema,
    organization_id: uuidSchema,
    transaction_type: transactionTypeSchema,
    status: transactionStatusSchema,
    amount: amountSchema,
    currency: z.string(),
    from_wallet_id: uuidSchema,
    to_wallet_id: uuidSchema,
    description: z.string().nullable(),
    metadata: metadataSchema,
    reverses_id: uuidSchema.nullable(),
    held_amount: amountSchema.nullable().meta({
      description: 'For a hold, the amount originally reserved; null otherwise.',
    }),
    reversed_amount: amountSchema.meta({
      description: 'How much of this transaction has been reversed so far.',
    }),
    expires_at: timestampSchema.nullable(),
    created_at: timestampSchema,
    completed_at: timestampSchema.nullable(),
    entries: z.array(entrySchema),
  })
  .meta({ id: 'Transaction' });

export const createWalletBodySchema = z.strictObject({
  name: nameSchema,
  wallet_type: walletTypeSchema,
  currency: currencySchema,
  owner_id: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(wireLimits.nameLengthMax)
    .optional(),
  metadata: metadataInputSchema,
});

export const listWalletsQuerySchema = paginatedQuery({
  owner_id: z.string().min(1).max(wireLimits.nameLengthMax).optional(),
  wallet_type: walletTypeSchema.optional(),
  currency: currencySchema.optional(),
  status: walletStatusSchema.optional(),
});

export const balanceQuerySchema = z.strictObject({ as_of: instantInputSchema.optional() });

const moveShape = {
  amount: amountInputSchema,
  description: descriptionInputSchema,
  metadata: metadataInputSchema,
};

export const depositBodySchema = z.strictObject({ wallet_id: uuidSchema, ...moveShape });
export const withdrawalBodySchema = depositBodySchema;

export const transferBodySchema = z
  .strictObject({
    from_wallet_id: uuidSchema,
    to_wallet_id: uuidSchema,
    ...moveShape,
    hold: z.boolean({ error: 'must be a boolean' }).optional(),
    expires_at: instantInputSchema.nullable().optional(),
  })
  .refine((value) => value.expires_at == null || value.hold === true, {
    path: ['expires_at'],
    message: 'only a hold (hold: true) can expire',
  });

export const batchBodySchema = z.strictObject({
  transfers: z
    .array(transferBodySchema, { error: 'must be an array of transfers' })
    .min(1, 'must hold at least 1 transfer')
    .max(wireLimits.batchSizeMax, `must hold at most ${wireLimits.batchSizeMax} transfers`),
});

export const batchResultSchema = z
  .strictObject({ transactions: z.array(transactionSchema) })
  .meta({ id: 'BatchResult' });

export const captureBodySchema = z.strictObject({ amount: amountInputSchema.optional() });

export const reverseBodySchema = z.strictObject({
  amount: amountInputSchema.optional(),
  description: descriptionInputSchema,
  metadata: metadataInputSchema,
});

/** Bodies of POSTs that take none: empty, or `{}`. */
export const emptyBodySchema = z.strictObject({});

const transactionFilterShape = {
  transaction_type: transactionTypeSchema.optional(),
  status: transactionStatusSchema.optional(),
  created_from: instantInputSchema.optional(),
  created_to: instantInputSchema.optional(),
};

export const listTransactionsQuerySchema = paginatedQuery({
  wallet_id: uuidSchema.optional(),
  ...transactionFilterShape,
});

export const listWalletTransactionsQuerySchema = paginatedQuery(transactionFilterShape);

export const listEntriesQuerySchema = paginatedQuery({});
