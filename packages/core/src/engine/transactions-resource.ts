import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors/vault-error.js';
import { parseAmount } from '../money/parse-amount.js';
import type { IdempotencyClaim, TransferPlan, Written } from '../store/ledger-store.js';
import type { TransactionRecord, WalletRecord } from '../store/records.js';
import { parseInput } from '../validation/parse-input.js';
import {
  type BatchInput,
  batchSchema,
  type CaptureInput,
  captureSchema,
  type DepositInput,
  depositSchema,
  emptyMetadata,
  idSchema,
  type ListTransactionsInput,
  listTransactionsSchema,
  type ReverseInput,
  reverseSchema,
  type TransferInput,
  transferSchema,
  type WithdrawalInput,
  type WriteOptions,
  withdrawalSchema,
} from '../validation/schemas.js';
import type { EngineContext } from './engine-context.js';
import { idempotentWrite } from './idempotent-write.js';
import { encodeCursor, resolveKeyedPage, toPage } from './pagination.js';
import { type MoveRequest, resolveTransferPlan } from './transfer-plan.js';
import type { Page, Transaction, Wallet } from './types.js';

/**
 * The transactions of one organization: deposits, withdrawals, transfers, holds with capture
 * and void, reversals and atomic batches. Every write accepts an idempotency key.
 *
 * @example
 * ```ts
 * await acme.transactions.deposit({ walletId: alice.id, amount: '100.00' });
 * const tx = await acme.transactions.transfer(
 *   { fromWalletId: alice.id, toWalletId: bob.id, amount: '12.34', description: 'Dinner' },
 *   { idempotencyKey: 'order-1234' },
 * );
 * ```
 */
export class TransactionsResource {
  /** @internal */
  constructor(
    private readonly context: EngineContext,
    private readonly organizationId: string,
  ) {}

  /**
   * Deposits money into a wallet from the organization's SYSTEM wallet of its currency
   * (created on first use).
   *
   * @throws `VALIDATION_ERROR`, `NOT_FOUND`, `SAME_WALLET` (a deposit into the SYSTEM wallet
   *   itself), `WALLET_FROZEN`, `IDEMPOTENCY_KEY_REUSED`.
   */
  async deposit(input: DepositInput, options?: WriteOptions): Promise<Transaction> {
    return (await this.depositWritten(input, options)).value;
  }

  /** @internal */
  async depositWritten(input: DepositInput, options?: WriteOptions): Promise<Written<Transaction>> {
    return this.postWithSystemWallet('DEPOSIT', parseInput(depositSchema, input), options);
  }

  /**
   * Withdraws money from a wallet to the organization's SYSTEM wallet of its currency.
   *
   * @throws `VALIDATION_ERROR`, `NOT_FOUND`, `SAME_WALLET`, `WALLET_FROZEN`,
   *   `INSUFFICIENT_FUNDS`, `IDEMPOTENCY_KEY_REUSED`.
   */
  async withdraw(input: WithdrawalInput, options?: WriteOptions): Promise<Transaction> {
    return (await this.withdrawWritten(input, options)).value;
  }

  /** @internal */
  async withdrawWritten(
    input: WithdrawalInput,
    options?: WriteOptions,
  ): Promise<Written<Transaction>> {
    return this.postWithSystemWallet('WITHDRAWAL', parseInput(withdrawalSchema, input), options);
  }

  /**
   * Moves money between two wallets of the same currency. With `hold: true` the amount is only
   * reserved (PENDING) until captured, voided, or `expiresAt` passes.
   *
   * @throws `VALIDATION_ERROR`, `SAME_WALLET`, `NOT_FOUND`, `CURRENCY_MISMATCH`,
   *   `WALLET_FROZEN`, `INSUFFICIENT_FUNDS`, `IDEMPOTENCY_KEY_REUSED` (in this order).
   */
  async transfer(input: TransferInput, options?: WriteOptions): Promise<Transaction> {
    return (await this.transferWritten(input, options)).value;
  }

  /** @internal */
  async transferWritten(
    input: TransferInput,
    options?: WriteOptions,
  ): Promise<Written<Transaction>> {
    const parsed = parseInput(transferSchema, input);
    // Synchronous on purpose: this is the hot path, and every await costs a microtask.
    return this.postOne('transactions.transfer', parsed, options, () => ({
      transactionType: 'TRANSFER',
      fromWalletId: parsed.fromWalletId,
      toWalletId: parsed.toWalletId,
      amount: parsed.amount,
      description: parsed.description,
      metadata: parsed.metadata,
      hold: parsed.hold,
      expiresAt: parsed.expiresAt,
    }));
  }

  /**
   * Applies 1..1000 transfers in order, all or nothing. When one fails, the error is that
   * transfer's, with `details.index` (0-based), and nothing is written. Checks that need no
   * balances (validation, `SAME_WALLET`, `NOT_FOUND`, `CURRENCY_MISMATCH`) run for every item
   * before any balance is checked.
   */
  async batch(input: BatchInput, options?: WriteOptions): Promise<Transaction[]> {
    return (await this.batchWritten(input, options)).value;
  }

  /** @internal */
  async batchWritten(input: BatchInput, options?: WriteOptions): Promise<Written<Transaction[]>> {
    const { transfers } = parseInput(batchSchema, input);
    const parsed = transfers.map((item, index) => {
      try {
        return parseInput(transferSchema, item, `transfers.${index}`);
      } catch (error) {
        throw error instanceof ValidationError
          ? new ValidationError(error.fields, { details: { index } })
          : error;
      }
    });
    const { context, organizationId } = this;
    return idempotentWrite(
      context,
      organizationId,
      { operation: 'transactions.batch', input: parsed },
      options,
      async (claim) => {
        const now = context.now();
        const plans: TransferPlan[] = [];
        for (const [index, item] of parsed.entries()) {
          plans.push(
            await this.plan(
              { ...item, transactionType: 'TRANSFER' },
              now,
              `transfers.${index}`,
              index,
            ),
          );
        }
        const written = await this.post(plans, now, claim, true);
        return {
          value: written.value.map((record) => context.toTransaction(record)),
          replayed: written.replayed,
        };
      },
      (result) => context.toResult(result) as Transaction[],
    );
  }

  /**
   * Captures a PENDING hold, in full or in part (the rest is released).
   *
   * @throws `NOT_FOUND`, `INVALID_STATE` (not PENDING: captured, voided or expired),
   *   `AMOUNT_EXCEEDS_REMAINING` (above the held amount), `WALLET_FROZEN`.
   */
  async capture(
    transactionId: string,
    input: CaptureInput = {},
    options?: WriteOptions,
  ): Promise<Transaction> {
    return (await this.captureWritten(transactionId, input, options)).value;
  }

  /** @internal */
  async captureWritten(
    transactionId: string,
    input: CaptureInput = {},
    options?: WriteOptions,
  ): Promise<Written<Transaction>> {
    const id = parseInput(idSchema, transactionId, 'transactionId');
    const parsed = parseInput(captureSchema, input);
    const { context, organizationId } = this;
    return idempotentWrite(
      context,
      organizationId,
      { operation: 'transactions.capture', input: { transactionId: id, ...parsed } },
      options,
      async (claim) => {
        const now = context.now();
        const hold = await this.load(id, now);
        const amount =
          parsed.amount === undefined
            ? null
            : parseAmount(parsed.amount, context.currencyOf(hold.currency));
        return this.write(hold.currency, () =>
          context.store.captureHold({
            organizationId,
            transactionId: id,
            amount,
            entryIds: [context.nextId(), context.nextId()],
            now,
            ...(claim && { idempotency: claim }),
          }),
        );
      },
      (result) => context.toResult(result) as Transaction,
    );
  }

  /**
   * Voids a PENDING hold, releasing the reserved amount.
   *
   * @throws `NOT_FOUND`, `INVALID_STATE` (not PENDING).
   */
  async void(transactionId: string, options?: WriteOptions): Promise<Transaction> {
    return (await this.voidWritten(transactionId, options)).value;
  }

  /** @internal */
  async voidWritten(transactionId: string, options?: WriteOptions): Promise<Written<Transaction>> {
    const id = parseInput(idSchema, transactionId, 'transactionId');
    const { context, organizationId } = this;
    return idempotentWrite(
      context,
      organizationId,
      { operation: 'transactions.void', input: { transactionId: id } },
      options,
      async (claim) => {
        const now = context.now();
        const hold = await this.load(id, now);
        return this.write(hold.currency, () =>
          context.store.voidHold({
            organizationId,
            transactionId: id,
            now,
            ...(claim && { idempotency: claim }),
          }),
        );
      },
      (result) => context.toResult(result) as Transaction,
    );
  }

  /**
   * Reverses a COMPLETED transaction, in full (the default: all that is left) or in part,
   * moving money back from its destination to its source. All reversals of one transaction
   * together never exceed its amount.
   *
   * @throws `NOT_FOUND`, `INVALID_STATE` (not COMPLETED, or itself a reversal),
   *   `AMOUNT_EXCEEDS_REMAINING` (`details.remaining`), `WALLET_FROZEN`, `INSUFFICIENT_FUNDS`.
   */
  async reverse(
    transactionId: string,
    input: ReverseInput = {},
    options?: WriteOptions,
  ): Promise<Transaction> {
    return (await this.reverseWritten(transactionId, input, options)).value;
  }

  /** @internal */
  async reverseWritten(
    transactionId: string,
    input: ReverseInput = {},
    options?: WriteOptions,
  ): Promise<Written<Transaction>> {
    const id = parseInput(idSchema, transactionId, 'transactionId');
    const parsed = parseInput(reverseSchema, input);
    const { context, organizationId } = this;
    return idempotentWrite(
      context,
      organizationId,
      { operation: 'transactions.reverse', input: { transactionId: id, ...parsed } },
      options,
      async (claim) => {
        const now = context.now();
        const original = await this.load(id, now);
        const amount =
          parsed.amount === undefined
            ? null
            : parseAmount(parsed.amount, context.currencyOf(original.currency));
        return this.write(original.currency, () =>
          context.store.reverseTransaction({
            organizationId,
            originalId: id,
            reversal: {
              id: context.nextId(),
              amount,
              description: parsed.description ?? null,
              metadata: parsed.metadata ?? emptyMetadata,
            },
            entryIds: [context.nextId(), context.nextId()],
            now,
            ...(claim && { idempotency: claim }),
          }),
        );
      },
      (result) => context.toResult(result) as Transaction,
    );
  }

  /**
   * Retrieves a transaction with its entries.
   *
   * @throws `NOT_FOUND`.
   */
  async retrieve(transactionId: string): Promise<Transaction> {
    const id = parseInput(idSchema, transactionId, 'transactionId');
    return this.context.toTransaction(await this.load(id, this.context.now()));
  }

  /** Lists transactions, newest first, filtered by wallet, type, status and time range. */
  async list(input: ListTransactionsInput = {}): Promise<Page<Transaction>> {
    const { page, pageSize, cursor, ...filter } = parseInput(listTransactionsSchema, input);
    const request = resolveKeyedPage('transactions', { page, pageSize, cursor });
    const result = await this.context.store.listTransactions(
      this.organizationId,
      { filter, ...request },
      this.context.now(),
    );
    return toPage(
      request,
      result,
      (record) => this.context.toTransaction(record),
      (last) => encodeCursor('transactions', last),
    );
  }

  private async load(transactionId: string, now: Date): Promise<TransactionRecord> {
    const record = await this.context.store.getTransaction(this.organizationId, transactionId, now);
    if (record === null) {
      throw new NotFoundError('transaction', transactionId);
    }
    return record;
  }

  /**
   * A deposit (from the organization's SYSTEM wallet of the wallet's currency) or a withdrawal
   * (to it). The first one of a currency brings the SYSTEM wallet as a candidate for the store
   * to create atomically with the posting (see EngineContext.systemWallet).
   */
  private postWithSystemWallet(
    transactionType: 'DEPOSIT' | 'WITHDRAWAL',
    parsed: z.output<typeof depositSchema>,
    options: WriteOptions | undefined,
  ): Promise<Written<Transaction>> {
    const { context, organizationId } = this;
    const operation =
      transactionType === 'DEPOSIT' ? 'transactions.deposit' : 'transactions.withdraw';
    return idempotentWrite(
      context,
      organizationId,
      { operation, input: parsed },
      options,
      async (claim) => {
        const now = context.now();
        const facts = await context.walletFacts(organizationId, parsed.walletId, now);
        const system = context.systemWallet(organizationId, facts.currency, now);
        const deposit = transactionType === 'DEPOSIT';
        const plan = await this.plan(
          {
            transactionType,
            fromWalletId: deposit ? system.id : parsed.walletId,
            toWalletId: deposit ? parsed.walletId : system.id,
            amount: parsed.amount,
            description: parsed.description,
            metadata: parsed.metadata,
          },
          now,
        );
        const written = await this.post([plan], now, claim, false, system.candidate);
        const record = written.value[0]!;
        context.learnSystemWallet(
          organizationId,
          facts.currency,
          deposit ? record.fromWalletId : record.toWalletId,
        );
        return { value: context.toTransaction(record), replayed: written.replayed };
      },
      (result) => singleTransaction(context.toResult(result)),
    );
  }

  private plan(move: MoveRequest, now: Date, path = '', index?: number): Promise<TransferPlan> {
    return resolveTransferPlan(this.context, this.organizationId, move, now, path, index);
  }

  private postOne<I>(
    operation: string,
    parsed: I,
    options: WriteOptions | undefined,
    toMove: (now: Date) => MoveRequest | Promise<MoveRequest>,
  ): Promise<Written<Transaction>> {
    const { context, organizationId } = this;
    return idempotentWrite(
      context,
      organizationId,
      { operation, input: parsed },
      options,
      async (claim) => {
        const now = context.now();
        const move = toMove(now);
        const plan = await this.plan(move instanceof Promise ? await move : move, now);
        const written = await this.post([plan], now, claim);
        const [record] = written.value;
        return { value: context.toTransaction(record!), replayed: written.replayed };
      },
      (result) => singleTransaction(context.toResult(result)),
    );
  }

  private async post(
    plans: TransferPlan[],
    now: Date,
    claim: IdempotencyClaim | undefined,
    batch = false,
    systemWallet?: WalletRecord,
  ): Promise<Written<TransactionRecord[]>> {
    try {
      return await this.context.store.postTransfers({
        organizationId: this.organizationId,
        now,
        transfers: plans,
        ...(claim && { idempotency: claim }),
        ...(systemWallet && { systemWallets: [systemWallet] }),
      });
    } catch (error) {
      throw this.context.translate(error, plans[0]?.currency ?? null, {
        batch: plans.length > 1 || batch,
      });
    }
  }

  private async write(
    currency: string,
    run: () => Promise<Written<TransactionRecord>>,
  ): Promise<Written<Transaction>> {
    try {
      const written = await run();
      return { value: this.context.toTransaction(written.value), replayed: written.replayed };
    } catch (error) {
      throw this.context.translate(error, currency);
    }
  }
}

/** A single move's remembered result: it is stored like a batch of one. */
function singleTransaction(value: Wallet | Transaction | Transaction[]): Transaction {
  return (Array.isArray(value) ? value[0] : value) as Transaction;
}
