import { z } from 'zod';
import type { Written } from '../store/ledger-store.js';
import { parseInput } from '../validation/parse-input.js';
import {
  type BatchInput,
  type CaptureInput,
  type CreateWalletInput,
  captureSchema,
  type DepositInput,
  idSchema,
  type ReverseInput,
  reverseSchema,
  type TransferInput,
  type WithdrawalInput,
  type WriteOptions,
} from '../validation/schemas.js';
import type { EngineContext } from './engine-context.js';
import { TransactionsResource } from './transactions-resource.js';
import type { Transaction, Wallet } from './types.js';
import { WalletsResource } from './wallets-resource.js';

const walletTargetSchema = z.strictObject({ walletId: idSchema });
const transactionTargetSchema = z.strictObject({ transactionId: idSchema });
const captureTargetSchema = captureSchema.extend({ transactionId: idSchema });
const reverseTargetSchema = reverseSchema.extend({ transactionId: idSchema });

/** Every write, by name, with its input and result; see {@link OrganizationScope.execute}. */
export interface WriteOperations {
  'wallets.create': { input: CreateWalletInput; result: Wallet };
  'wallets.freeze': { input: { walletId: string }; result: Wallet };
  'wallets.unfreeze': { input: { walletId: string }; result: Wallet };
  'transactions.deposit': { input: DepositInput; result: Transaction };
  'transactions.withdraw': { input: WithdrawalInput; result: Transaction };
  'transactions.transfer': { input: TransferInput; result: Transaction };
  'transactions.batch': { input: BatchInput; result: Transaction[] };
  'transactions.capture': { input: { transactionId: string } & CaptureInput; result: Transaction };
  'transactions.void': { input: { transactionId: string }; result: Transaction };
  'transactions.reverse': { input: { transactionId: string } & ReverseInput; result: Transaction };
}

/** The name of a write operation. */
export type WriteOperation = keyof WriteOperations;

/**
 * Everything of one organization. Every call is confined to it: an id of another
 * organization answers `NOT_FOUND`, exactly like an id that does not exist.
 *
 * @example
 * ```ts
 * const acme = vault.organization(orgId);
 * const alice = await acme.wallets.create({ name: 'Alice', walletType: 'PRIMARY', currency: 'USD', ownerId: 'u1' });
 * await acme.transactions.deposit({ walletId: alice.id, amount: '50.00' });
 * ```
 */
export class OrganizationScope {
  /** The organization's id. */
  readonly id: string;
  /** Its wallets. */
  readonly wallets: WalletsResource;
  /** Its transactions. */
  readonly transactions: TransactionsResource;

  /** @internal */
  constructor(context: EngineContext, organizationId: string) {
    this.id = parseInput(idSchema, organizationId, 'organizationId');
    this.transactions = new TransactionsResource(context, this.id);
    this.wallets = new WalletsResource(context, this.id, this.transactions);
  }

  /**
   * Runs a write by name and tells whether its result was replayed from an idempotency key
   * (`replayed: true`: nothing was written now). The typed methods of {@link wallets} and
   * {@link transactions} do the same and return only the value; servers use this form to
   * answer replays (`Idempotent-Replayed: true`).
   *
   * @example
   * ```ts
   * const { value, replayed } = await acme.execute(
   *   'transactions.transfer',
   *   { fromWalletId, toWalletId, amount: '5.00' },
   *   { idempotencyKey: 'req-1' },
   * );
   * ```
   */
  execute<K extends WriteOperation>(
    operation: K,
    input: WriteOperations[K]['input'],
    options?: WriteOptions,
  ): Promise<Written<WriteOperations[K]['result']>> {
    return this.dispatch(operation, input, options) as Promise<
      Written<WriteOperations[K]['result']>
    >;
  }

  private dispatch(
    operation: WriteOperation,
    input: unknown,
    options: WriteOptions | undefined,
  ): Promise<Written<unknown>> {
    const { wallets, transactions } = this;
    // Inputs that name their target by id are checked whole here (an unknown field or a
    // missing id is a VALIDATION_ERROR, never a TypeError); the rest is parsed by the method.
    const walletTarget = () => parseInput(walletTargetSchema, input);
    const transactionTarget = () => parseInput(transactionTargetSchema, input);
    switch (operation) {
      case 'wallets.create':
        return wallets.createWritten(input as CreateWalletInput, options);
      case 'wallets.freeze':
        return wallets.setStatusWritten(walletTarget().walletId, 'FROZEN', options);
      case 'wallets.unfreeze':
        return wallets.setStatusWritten(walletTarget().walletId, 'ACTIVE', options);
      case 'transactions.deposit':
        return transactions.depositWritten(input as DepositInput, options);
      case 'transactions.withdraw':
        return transactions.withdrawWritten(input as WithdrawalInput, options);
      case 'transactions.transfer':
        return transactions.transferWritten(input as TransferInput, options);
      case 'transactions.batch':
        return transactions.batchWritten(input as BatchInput, options);
      case 'transactions.capture': {
        const { transactionId, ...rest } = parseInput(captureTargetSchema, input);
        return transactions.captureWritten(transactionId, rest, options);
      }
      case 'transactions.void':
        return transactions.voidWritten(transactionTarget().transactionId, options);
      case 'transactions.reverse': {
        const { transactionId, ...rest } = parseInput(reverseTargetSchema, input);
        return transactions.reverseWritten(transactionId, rest, options);
      }
    }
  }
}
