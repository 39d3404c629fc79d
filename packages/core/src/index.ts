/**
 * `@vaultcraft/core`: an embeddable, multi-tenant wallet and double-entry ledger engine.
 *
 * @example
 * ```ts
 * import { createMemoryStore, createVault } from '@vaultcraft/core';
 *
 * const vault = createVault({ store: createMemoryStore() });
 * const org = await vault.organizations.create({ name: 'Acme' });
 * const acme = vault.organization(org.id);
 * const alice = await acme.wallets.create({ name: 'Alice', walletType: 'PRIMARY', currency: 'USD', ownerId: 'alice' });
 * await acme.transactions.deposit({ walletId: alice.id, amount: '100.00' });
 * ```
 *
 * @packageDocumentation
 */

// The engine.
export { createVault } from './engine/vault.js';
export type { Vault, VaultOptions } from './engine/vault.js';
export { OrganizationScope } from './engine/organization-scope.js';
export type { WriteOperation, WriteOperations } from './engine/organization-scope.js';
export { OrganizationsResource } from './engine/organizations-resource.js';
export { WalletsResource } from './engine/wallets-resource.js';
export { TransactionsResource } from './engine/transactions-resource.js';

// Domain types.
export type {
  Balance,
  Entry,
  EntryDirection,
  Metadata,
  Organization,
  Page,
  Transaction,
  TransactionStatus,
  TransactionType,
  Wallet,
  WalletStatus,
  WalletType,
} from './engine/types.js';

// Inputs and their limits.
export { limits } from './validation/schemas.js';
export { toFieldIssues } from './validation/parse-input.js';
export type {
  BalanceOptions,
  BatchInput,
  CaptureInput,
  CreateOrganizationInput,
  CreateWalletInput,
  DepositInput,
  ListEntriesInput,
  ListOrganizationsInput,
  ListTransactionsInput,
  ListWalletsInput,
  ReverseInput,
  TransferInput,
  WithdrawalInput,
  WriteOptions,
} from './validation/schemas.js';

// Money.
export { Money } from './money/money.js';
export { CurrencyRegistry, defaultCurrencyRegistry } from './money/currencies.js';
export type { Currency } from './money/currencies.js';
export { AMOUNT_MINOR_MAX } from './money/limits.js';
export { parseAmount } from './money/parse-amount.js';
export type { ParseAmountOptions } from './money/parse-amount.js';
export { formatMinor } from './money/format-minor.js';
export { allocateMinor } from './money/allocate.js';
export { roundingModes } from './money/rounding-mode.js';
export type { RoundingMode } from './money/rounding-mode.js';

// Errors.
export {
  ConfigurationError,
  ConflictError,
  InternalError,
  invariant,
  isVaultError,
  NotFoundError,
  RejectedError,
  UnavailableError,
  ValidationError,
  VaultError,
} from './errors/vault-error.js';
export type { ErrorDetails, FieldIssue } from './errors/vault-error.js';
export { errorCodes, errorRegistry, isErrorCode } from './errors/registry.js';
export type { ErrorCategory, ErrorCode, ErrorSpec } from './errors/registry.js';

// Stores: the contract, the in-memory store, and what store authors need.
export { createMemoryStore } from './memory/memory-store.js';
export type {
  CaptureHoldCommand,
  EntryListQuery,
  IdempotencyKeyCount,
  IdempotencyClaim,
  InsertWalletCommand,
  LedgerScans,
  LedgerStore,
  ListKey,
  ListQuery,
  ListResult,
  PostTransfersCommand,
  ReverseTransactionCommand,
  SetWalletStatusCommand,
  StoreCapabilities,
  TransactionFilter,
  TransferPlan,
  VoidHoldCommand,
  WalletFilter,
  Written,
} from './store/ledger-store.js';
export type {
  EntryRecord,
  IdempotencyRecord,
  IdempotentResult,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from './store/records.js';
export { idempotencyKeyReused, isStoreRejection, StoreRejection } from './store/store-rejection.js';
export { planTransactionRecord } from './store/plan-transaction-record.js';
export type { PlanTransactionRecordInput } from './store/plan-transaction-record.js';
export { reversalAmount, reversalTransactionRecord } from './store/plan-reversal.js';
export type { RejectionCode, RejectionFacts } from './store/store-rejection.js';

// Verification.
export { verifyLedger } from './verify/verify-ledger.js';
export type {
  LedgerCounts,
  LedgerInvariant,
  LedgerReport,
  LedgerViolation,
  VerifyOptions,
} from './verify/verify-ledger.js';

// Ids and clocks.
export { isUuid, uuidV7Generator } from './ids/uuid-v7-generator.js';
export type { IdGenerator } from './ids/uuid-v7-generator.js';
export { systemClock } from './ids/clock.js';
export type { Clock } from './ids/clock.js';
