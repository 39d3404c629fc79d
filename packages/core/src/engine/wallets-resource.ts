import { NotFoundError, ValidationError } from '../errors/vault-error.js';
import { formatMinor } from '../money/format-minor.js';
import type { Written } from '../store/ledger-store.js';
import type { WalletRecord } from '../store/records.js';
import { parseInput } from '../validation/parse-input.js';
import {
  type BalanceOptions,
  balanceOptionsSchema,
  type CreateWalletInput,
  createWalletSchema,
  emptyMetadata,
  idSchema,
  type ListEntriesInput,
  type ListTransactionsInput,
  type ListWalletsInput,
  listEntriesSchema,
  listWalletsSchema,
  type WriteOptions,
} from '../validation/schemas.js';
import type { EngineContext } from './engine-context.js';
import { idempotentWrite } from './idempotent-write.js';
import { encodeCursor, resolveEntryPage, resolveKeyedPage, toPage } from './pagination.js';
import type { TransactionsResource } from './transactions-resource.js';
import type { Balance, Entry, Page, Transaction, Wallet } from './types.js';

/**
 * The wallets of one organization.
 *
 * @example
 * ```ts
 * const wallet = await acme.wallets.create({
 *   name: 'Alice',
 *   walletType: 'PRIMARY',
 *   currency: 'USD',
 *   ownerId: 'user_42',
 * });
 * const { balance, availableBalance } = await acme.wallets.balance(wallet.id);
 * ```
 */
export class WalletsResource {
  /** @internal */
  constructor(
    private readonly context: EngineContext,
    private readonly organizationId: string,
    private readonly transactionsResource: TransactionsResource,
  ) {}

  /**
   * Creates a wallet with a zero balance.
   *
   * @throws `VALIDATION_ERROR` for bad input or an unknown currency; `NOT_FOUND` when the
   *   organization does not exist; `PRIMARY_WALLET_EXISTS` when the owner already has a
   *   PRIMARY wallet in that currency.
   */
  async create(input: CreateWalletInput, options?: WriteOptions): Promise<Wallet> {
    return (await this.createWritten(input, options)).value;
  }

  /** @internal Like {@link create}, also telling whether the result was replayed. */
  async createWritten(input: CreateWalletInput, options?: WriteOptions): Promise<Written<Wallet>> {
    const parsed = parseInput(createWalletSchema, input);
    this.context.currencies.get(parsed.currency);
    const { context, organizationId } = this;
    return idempotentWrite(
      context,
      organizationId,
      { operation: 'wallets.create', input: parsed },
      options,
      async (claim) => {
        const now = context.now();
        const record: WalletRecord = {
          id: context.nextId(),
          organizationId,
          ownerId: parsed.ownerId,
          name: parsed.name,
          walletType: parsed.walletType,
          currency: parsed.currency,
          status: 'ACTIVE',
          balance: 0n,
          held: 0n,
          metadata: parsed.metadata ?? emptyMetadata,
          createdAt: now,
          updatedAt: now,
        };
        try {
          const written = await context.store.insertWallet({
            wallet: record,
            ...(claim && { idempotency: claim }),
          });
          context.rememberWallet(written.value);
          return { value: context.toWallet(written.value), replayed: written.replayed };
        } catch (error) {
          throw context.translate(error, parsed.currency);
        }
      },
      (result) => context.toResult(result) as Wallet,
    );
  }

  /**
   * Retrieves a wallet with its current balances.
   *
   * @throws `NOT_FOUND` when the wallet is not in this organization.
   */
  async retrieve(walletId: string): Promise<Wallet> {
    return this.context.toWallet(await this.load(parseInput(idSchema, walletId, 'walletId')));
  }

  /** Lists wallets, newest first, filtered by owner, type, currency or status. */
  async list(input: ListWalletsInput = {}): Promise<Page<Wallet>> {
    const { page, pageSize, cursor, ...filter } = parseInput(listWalletsSchema, input);
    const request = resolveKeyedPage('wallets', { page, pageSize, cursor });
    const result = await this.context.store.listWallets(
      this.organizationId,
      { filter, ...request },
      this.context.now(),
    );
    return toPage(
      request,
      result,
      (record) => this.context.toWallet(record),
      (last) => encodeCursor('wallets', last),
    );
  }

  /**
   * A wallet's balance now (posted and available), or its posted balance at an instant in the
   * past: the sum of its entries created at or before `asOf`.
   *
   * @throws `NOT_FOUND`; `VALIDATION_ERROR` for an `asOf` in the future.
   */
  async balance(walletId: string, options: BalanceOptions = {}): Promise<Balance> {
    const id = parseInput(idSchema, walletId, 'walletId');
    const { asOf } = parseInput(balanceOptionsSchema, options, 'options');
    const now = this.context.now();
    if (asOf === undefined) {
      const wallet = this.context.toWallet(await this.load(id, now));
      return {
        walletId: id,
        currency: wallet.currency,
        balance: wallet.balance,
        availableBalance: wallet.availableBalance,
        asOf: now,
      };
    }
    if (asOf.getTime() > now.getTime()) {
      throw new ValidationError([{ path: 'options.asOf', message: 'must not be in the future' }]);
    }
    const facts = await this.context.walletFacts(this.organizationId, id, now);
    const balance = await this.context.store.getBalanceAsOf(this.organizationId, id, asOf);
    return {
      walletId: id,
      currency: facts.currency,
      balance: formatMinor(balance, this.context.currencyOf(facts.currency).scale),
      availableBalance: null,
      asOf,
    };
  }

  /** The transactions that move money out of or into the wallet, newest first. */
  async transactions(
    walletId: string,
    input: Omit<ListTransactionsInput, 'walletId'> = {},
  ): Promise<Page<Transaction>> {
    const id = parseInput(idSchema, walletId, 'walletId');
    await this.context.walletFacts(this.organizationId, id, this.context.now());
    return this.transactionsResource.list({ ...input, walletId: id });
  }

  /** The wallet's statement: its entries with the balance after each, newest first. */
  async entries(walletId: string, input: ListEntriesInput = {}): Promise<Page<Entry>> {
    const id = parseInput(idSchema, walletId, 'walletId');
    const { page, pageSize, cursor } = parseInput(listEntriesSchema, input);
    const facts = await this.context.walletFacts(this.organizationId, id, this.context.now());
    const request = resolveEntryPage(id, { page, pageSize, cursor });
    const result = await this.context.store.listEntries(this.organizationId, id, {
      pageSize: request.pageSize,
      ...(request.page !== undefined && { page: request.page }),
      ...(request.after !== undefined && { afterSequence: request.after }),
    });
    return toPage(
      request,
      result,
      (record) => this.context.toEntry(record, facts.currency),
      (last) => encodeCursor('entries', { sequence: last.sequence, walletId: id }),
    );
  }

  /**
   * Freezes a wallet: it can neither send nor receive until unfrozen. Freezing a frozen wallet
   * changes nothing.
   *
   * @throws `NOT_FOUND`.
   */
  async freeze(walletId: string, options?: WriteOptions): Promise<Wallet> {
    return (await this.setStatusWritten(walletId, 'FROZEN', options)).value;
  }

  /** Unfreezes a wallet. Unfreezing an active wallet changes nothing. */
  async unfreeze(walletId: string, options?: WriteOptions): Promise<Wallet> {
    return (await this.setStatusWritten(walletId, 'ACTIVE', options)).value;
  }

  /** @internal Like {@link freeze} and {@link unfreeze}, also telling whether the result was replayed. */
  async setStatusWritten(
    walletId: string,
    status: 'ACTIVE' | 'FROZEN',
    options?: WriteOptions,
  ): Promise<Written<Wallet>> {
    const id = parseInput(idSchema, walletId, 'walletId');
    const { context, organizationId } = this;
    return idempotentWrite(
      context,
      organizationId,
      {
        operation: status === 'FROZEN' ? 'wallets.freeze' : 'wallets.unfreeze',
        input: { walletId: id },
      },
      options,
      async (claim) => {
        try {
          const written = await context.store.setWalletStatus({
            organizationId,
            walletId: id,
            status,
            now: context.now(),
            ...(claim && { idempotency: claim }),
          });
          return { value: context.toWallet(written.value), replayed: written.replayed };
        } catch (error) {
          throw context.translate(error, null);
        }
      },
      (result) => context.toResult(result) as Wallet,
    );
  }

  private async load(walletId: string, now = this.context.now()): Promise<WalletRecord> {
    const record = await this.context.store.getWallet(this.organizationId, walletId, now);
    if (record === null) {
      throw new NotFoundError('wallet', walletId);
    }
    this.context.rememberWallet(record);
    return record;
  }
}
