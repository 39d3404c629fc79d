// Reconciles the client's model with what a server reads back after a fault: everything
// acknowledged is there, nothing refused is, every transaction present traces back to an
// acknowledged request or to one whose outcome was unknown (in flight at a kill, or answered
// 503), a batch is all or nothing, balances are exactly what the model says, and retrying the
// unknown requests under their Idempotency-Keys writes each of them at most once.
import { expect } from 'vitest';
import { fromCents, toCents } from '../process/http-api.js';
import {
  expectBalancedEntries,
  type LedgerModel,
  type ModelStatus,
  type WireTransaction,
} from './ledger-model.js';
import {
  type Attempt,
  answeredTransactions,
  applySuccess,
  createdMarkers,
  type Operation,
  outcomeOf,
  sendOperation,
} from './ledger-traffic.js';
import { send } from './reliability-http.js';

/** The body of a GET that must answer 200. */
async function read<T>(url: string, path: string, token: string): Promise<T> {
  const answer = await send(url, 'GET', path, { token });
  expect(answer.kind === 'answered' && answer.status, JSON.stringify(answer)).toBe(200);
  return (answer as { body: T }).body;
}

/** Every transaction of the caller's organization, page by page (cursor pagination). */
export async function listTransactions(url: string, token: string): Promise<WireTransaction[]> {
  const all: WireTransaction[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page = await read<{ items: WireTransaction[]; next_cursor: string | null }>(
      url,
      `/api/v1/transactions?page_size=100${query}`,
      token,
    );
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return all;
}

/**
 * Asserts that every wallet of the organization shows the model's balance and available
 * balance (a wallet no known transaction touched shows zero), that no non-SYSTEM wallet is
 * negative, and that the wallets of each currency add up to zero.
 */
export async function expectBalances(options: {
  url: string;
  token: string;
  model: LedgerModel;
}): Promise<void> {
  const { url, token, model } = options;
  const page = await read<{
    items: {
      id: string;
      wallet_type: string;
      currency: string;
      balance: string;
      available_balance: string;
    }[];
  }>(url, '/api/v1/wallets?page_size=100', token);
  const expected = model.balances();
  const total = new Map<string, bigint>();
  for (const wallet of page.items) {
    const want = expected.get(wallet.id) ?? { balance: 0n, available: 0n };
    expect(
      { balance: wallet.balance, available: wallet.available_balance },
      `wallet ${wallet.id}`,
    ).toEqual({ balance: fromCents(want.balance), available: fromCents(want.available) });
    if (wallet.wallet_type !== 'SYSTEM') {
      expect(toCents(wallet.available_balance), wallet.id).toBeGreaterThanOrEqual(0n);
    }
    total.set(wallet.currency, (total.get(wallet.currency) ?? 0n) + toCents(wallet.balance));
    expected.delete(wallet.id);
  }
  expect([...expected.keys()], 'wallets the model knows but the server does not list').toEqual([]);
  for (const [currency, sum] of total) expect(sum, `sum of ${currency} wallets`).toBe(0n);
}

/** What a reconciliation found. */
export interface Reconciliation {
  /** Requests with an unknown outcome (lost, or 503). */
  readonly unknown: number;
  /** Of those, the ones whose write the server had committed. */
  readonly committed: number;
  /** The markers of the unknown requests that were committed. */
  readonly committedMarkers: ReadonlySet<string>;
  /** Transactions the server lists. */
  readonly transactions: number;
}

/** The transfer that `operation` asked for under `marker` (one item of a batch). */
function requestedTransfer(operation: Operation, marker: string) {
  if (operation.kind === 'batch') {
    return operation.body.transfers.find((transfer) => transfer.metadata.marker === marker)!;
  }
  if (operation.kind === 'transfer' || operation.kind === 'hold') return operation.body;
  throw new Error(`${operation.kind} ${operation.marker} creates no transaction`);
}

/** The status a decision leaves its hold in. */
function decidedStatus(attempt: Attempt): ModelStatus {
  return attempt.operation.kind === 'void' ? 'VOIDED' : 'COMPLETED';
}

/**
 * Reads every transaction back from `url` and checks it against the model and the attempts of
 * the last run of traffic (see the file comment); then adopts into the model what the unknown
 * requests turned out to have written. Call {@link retryUnknown} afterwards.
 */
export async function reconcile(options: {
  url: string;
  token: string;
  model: LedgerModel;
  attempts: readonly Attempt[];
}): Promise<Reconciliation> {
  const { model, attempts } = options;
  const listed = await listTransactions(options.url, options.token);
  const byMarker = new Map<string, WireTransaction>();
  for (const transaction of listed) {
    const marker = transaction.metadata.marker;
    expect(marker, `transaction ${transaction.id} has no marker`).toBeTypeOf('string');
    expect(byMarker.has(marker!), `two transactions of request ${marker}`).toBe(false);
    byMarker.set(marker!, transaction);
    expectBalancedEntries(transaction);
  }
  const unknownCreations = new Map<string, Attempt>();
  const unknownDecisions = new Map<string, Attempt>();
  const committedMarkers = new Set<string>();
  let unknown = 0;
  for (const attempt of attempts) {
    const outcome = outcomeOf(attempt.operation, attempt.answer);
    const markers = createdMarkers(attempt.operation);
    if (outcome === 'success') {
      for (const transaction of answeredTransactions(attempt.answer)) {
        expect(byMarker.get(transaction.metadata.marker!)?.id, 'acknowledged but missing').toBe(
          transaction.id,
        );
      }
    } else if (outcome === 'refused') {
      const written = markers.filter((marker) => byMarker.has(marker));
      expect(written, `refused request ${attempt.operation.marker} wrote`).toEqual([]);
    } else if (outcome === 'unknown') {
      unknown += 1;
      const written = markers.filter((marker) => byMarker.has(marker));
      // A batch is all or nothing, also when the process dies in the middle of it.
      expect([0, markers.length], `batch ${attempt.operation.marker} half written`).toContain(
        written.length,
      );
      for (const marker of markers) unknownCreations.set(marker, attempt);
      if (markers.length > 0 && written.length === markers.length) {
        committedMarkers.add(attempt.operation.marker);
      }
      if ('holdId' in attempt.operation) unknownDecisions.set(attempt.operation.holdId, attempt);
    }
  }
  for (const transaction of listed) {
    const known = model.transactions.get(transaction.id);
    if (known === undefined) {
      const marker = transaction.metadata.marker!;
      const attempt = unknownCreations.get(marker);
      expect(attempt, `${transaction.id} was neither acknowledged nor in flight`).toBeDefined();
      const asked = requestedTransfer(attempt!.operation, marker);
      expect(transaction, `committed in flight: ${marker}`).toMatchObject({
        from_wallet_id: asked.from_wallet_id,
        to_wallet_id: asked.to_wallet_id,
        amount: asked.amount,
        status: asked.hold ? 'PENDING' : 'COMPLETED',
      });
      model.record(transaction);
      continue;
    }
    const decision = unknownDecisions.get(transaction.id);
    if (decision === undefined) {
      expect([transaction.status, toCents(transaction.amount)], transaction.id).toEqual([
        known.status,
        known.amount,
      ]);
    } else if (transaction.status !== 'PENDING') {
      const { operation } = decision;
      expect(transaction.status, transaction.id).toBe(decidedStatus(decision));
      if (operation.kind === 'capture') {
        // A capture moves what it names, or the whole hold.
        expect(transaction.amount, transaction.id).toBe(
          operation.body.amount ?? fromCents(known.held),
        );
      }
      committedMarkers.add(operation.marker);
    }
    model.record(transaction);
  }
  const listedIds = new Set(listed.map((transaction) => transaction.id));
  const missing = [...model.transactions.keys()].filter((id) => !listedIds.has(id));
  expect(missing, 'acknowledged transactions missing after the fault').toEqual([]);
  return {
    unknown,
    committed: committedMarkers.size,
    committedMarkers,
    transactions: listed.length,
  };
}

/**
 * Retries every request whose outcome was unknown, under its Idempotency-Key, as a client
 * would: one that was committed answers its original success again (`Idempotent-Replayed:
 * true`) and writes nothing; one that was not is applied now (or refused). Resolves to the
 * number of retries.
 */
export async function retryUnknown(options: {
  url: string;
  token: string;
  model: LedgerModel;
  attempts: readonly Attempt[];
  reconciliation: Reconciliation;
}): Promise<number> {
  const { model } = options;
  let retried = 0;
  for (const { operation, answer } of options.attempts) {
    if (outcomeOf(operation, answer) !== 'unknown') continue;
    retried += 1;
    const again = await sendOperation({ url: options.url, token: options.token, operation });
    const outcome = outcomeOf(operation, again);
    const committed = options.reconciliation.committedMarkers.has(operation.marker);
    const context = `retry of ${operation.kind} ${operation.marker} (committed: ${committed})`;
    expect(committed ? ['success'] : ['success', 'refused'], context).toContain(outcome);
    if (again.kind !== 'answered') continue;
    expect(again.headers.get('idempotent-replayed') === 'true', context).toBe(committed);
    if (outcome === 'success') {
      if (committed) {
        for (const transaction of answeredTransactions(again)) {
          expect(model.transactions.has(transaction.id), context).toBe(true);
        }
      }
      applySuccess(model, operation, again);
    } else if ('holdId' in operation) {
      model.releaseHold(operation.holdId);
    }
  }
  return retried;
}
