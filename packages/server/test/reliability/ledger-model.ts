// The client's own account of the ledger in the reliability suites: every transaction it knows
// was written (acknowledged, or found committed after a fault), from which it derives what each
// wallet's balance and available balance must be. Amounts are bigint cents, never numbers.
import { expect } from 'vitest';
import { toCents } from '../process/http-api.js';
import type { Random } from './reliability-settings.js';

/** The statuses a synchronous request can leave a transaction in. */
export type ModelStatus = 'PENDING' | 'COMPLETED' | 'VOIDED';

/** A transaction as the model knows it. */
export interface ModelTransaction {
  readonly id: string;
  /** The marker of the request that wrote it (`metadata.marker`, also its Idempotency-Key). */
  readonly marker: string;
  readonly from: string;
  readonly to: string;
  /** What a hold reserves while PENDING; what moved once COMPLETED (a partial capture's part). */
  amount: bigint;
  /** What a hold reserved first (its `held_amount`); the amount for a plain transfer. */
  readonly held: bigint;
  status: ModelStatus;
}

/** The fields of a wire Transaction (API.md) that the suites read. */
export interface WireTransaction {
  readonly id: string;
  readonly status: string;
  readonly transaction_type: string;
  readonly amount: string;
  readonly held_amount: string | null;
  readonly from_wallet_id: string;
  readonly to_wallet_id: string;
  readonly metadata: Record<string, string>;
  readonly entries: readonly {
    wallet_id: string;
    direction: 'DEBIT' | 'CREDIT';
    amount: string;
  }[];
}

/** A wallet's expected balances, in cents. */
export interface ExpectedBalance {
  readonly balance: bigint;
  readonly available: bigint;
}

/** The transactions the client knows were written, and the holds free for a decision. */
export class LedgerModel {
  readonly transactions = new Map<string, ModelTransaction>();
  private readonly openHolds = new Set<string>();

  /** Adds a transaction, or updates a known one, from the server's answer. */
  record(wire: WireTransaction): ModelTransaction {
    expect(['PENDING', 'COMPLETED', 'VOIDED'], wire.id).toContain(wire.status);
    const status = wire.status as ModelStatus;
    const known = this.transactions.get(wire.id);
    if (known !== undefined) {
      expect([wire.from_wallet_id, wire.to_wallet_id], wire.id).toEqual([known.from, known.to]);
      known.status = status;
      known.amount = toCents(wire.amount);
      if (status !== 'PENDING') this.openHolds.delete(wire.id);
      return known;
    }
    const recorded: ModelTransaction = {
      id: wire.id,
      marker: wire.metadata.marker ?? '',
      from: wire.from_wallet_id,
      to: wire.to_wallet_id,
      amount: toCents(wire.amount),
      held: toCents(wire.held_amount ?? wire.amount),
      status,
    };
    this.transactions.set(wire.id, recorded);
    if (status === 'PENDING') this.openHolds.add(wire.id);
    return recorded;
  }

  /** Takes a random PENDING hold for a decision; no other decision gets it until released. */
  takeHold(random: Random): ModelTransaction | undefined {
    if (this.openHolds.size === 0) return undefined;
    const ids = [...this.openHolds];
    const id = ids[Math.floor(random() * ids.length)]!;
    this.openHolds.delete(id);
    return this.transactions.get(id);
  }

  /** Gives a hold back for later decisions when it is still PENDING (its decision failed). */
  releaseHold(id: string): void {
    if (this.transactions.get(id)?.status === 'PENDING') this.openHolds.add(id);
  }

  /** What every wallet that any known transaction touched must show. */
  balances(): Map<string, ExpectedBalance> {
    const balance = new Map<string, bigint>();
    const reserved = new Map<string, bigint>();
    const add = (map: Map<string, bigint>, wallet: string, cents: bigint) =>
      map.set(wallet, (map.get(wallet) ?? 0n) + cents);
    for (const transaction of this.transactions.values()) {
      add(balance, transaction.from, 0n);
      add(balance, transaction.to, 0n);
      if (transaction.status === 'COMPLETED') {
        add(balance, transaction.from, -transaction.amount);
        add(balance, transaction.to, transaction.amount);
      } else if (transaction.status === 'PENDING') {
        add(reserved, transaction.from, transaction.amount);
      }
    }
    return new Map(
      [...balance].map(([wallet, cents]) => [
        wallet,
        { balance: cents, available: cents - (reserved.get(wallet) ?? 0n) },
      ]),
    );
  }
}

/**
 * Asserts that a COMPLETED transaction has one DEBIT of its source and one CREDIT of its
 * destination, both of its amount, and that a PENDING or VOIDED one has no entries.
 */
export function expectBalancedEntries(wire: WireTransaction): void {
  if (wire.status !== 'COMPLETED') {
    expect(wire.entries, wire.id).toEqual([]);
    return;
  }
  const entries = wire.entries.map((entry) => [entry.direction, entry.wallet_id, entry.amount]);
  expect(entries.sort(), wire.id).toEqual(
    [
      ['CREDIT', wire.to_wallet_id, wire.amount],
      ['DEBIT', wire.from_wallet_id, wire.amount],
    ].sort(),
  );
}
