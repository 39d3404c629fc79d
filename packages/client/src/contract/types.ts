import type { z } from 'zod';
import type { errorBodySchema } from './common.js';
import type {
  apiKeyCreatedSchema,
  apiKeyIdentitySchema,
  apiKeySchema,
  healthSchema,
  organizationSchema,
  tokenSchema,
  userSchema,
} from './identity.js';
import type { balanceSchema, entrySchema, transactionSchema, walletSchema } from './ledger.js';

/** The objects of REST API v1, as they travel (snake_case, amounts as decimal strings). */

export type Wallet = z.output<typeof walletSchema>;
export type Balance = z.output<typeof balanceSchema>;
export type Entry = z.output<typeof entrySchema>;
export type Transaction = z.output<typeof transactionSchema>;
export type User = z.output<typeof userSchema>;
export type Token = z.output<typeof tokenSchema>;
export type ApiKey = z.output<typeof apiKeySchema>;
export type ApiKeyCreated = z.output<typeof apiKeyCreatedSchema>;
export type ApiKeyIdentity = z.output<typeof apiKeyIdentitySchema>;
export type Organization = z.output<typeof organizationSchema>;
export type Health = z.output<typeof healthSchema>;
export type ErrorBody = z.output<typeof errorBodySchema>;

/** A page of a list. */
export interface Page<T> {
  items: T[];
  total: number | null;
  page: number | null;
  page_size: number;
  pages: number | null;
  next_cursor: string | null;
}
