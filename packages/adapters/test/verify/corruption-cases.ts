// The corruptions that verification must report, one per case, each written as the SQL that
// breaks the ledger of verify-fixture.ts behind the store's back, and the exact violations it
// must produce (invariant and ids). The same cases run on SQLite and PostgreSQL; only the SQL
// for a time and for constraints that forbid a corruption outright differs.
import { randomUUID } from 'node:crypto';
import type { LedgerInvariant } from '@vaultcraft/core';
import type { VerifyLedger } from './verify-fixture.js';

/** What differs between the two databases' SQL. */
export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** An SQL expression for the instant `ms` (epoch milliseconds) as `created_at` stores it. */
  time(ms: number): string;
}

/** One expected violation: its invariant and every id it must name. */
export interface ExpectedViolation {
  readonly invariant: LedgerInvariant;
  readonly organizationId?: string;
  readonly walletId?: string;
  readonly transactionId?: string;
  readonly entryId?: string;
  readonly idempotencyKey?: string;
}

export interface CorruptionCase {
  readonly name: string;
  /** The statements that corrupt the ledger, in order. */
  sql(ledger: VerifyLedger, dialect: Dialect): string[];
  /** Exactly the violations verification must report (in any order). */
  expected(ledger: VerifyLedger): ExpectedViolation[];
}

const setWallet = (id: string, assignments: string) =>
  `UPDATE ledger_wallets SET ${assignments} WHERE id = '${id}'`;
const setEntry = (walletId: string, sequence: number, assignments: string) =>
  `UPDATE ledger_entries SET ${assignments} WHERE wallet_id = '${walletId}' AND sequence = ${sequence}`;
const setTransaction = (id: string, assignments: string) =>
  `UPDATE ledger_transactions SET ${assignments} WHERE id = '${id}'`;

export const corruptionCases: readonly CorruptionCase[] = [
  {
    name: 'a wallet balance edited',
    sql: (l) => [setWallet(l.bob, `balance = '4501'`)],
    expected: (l) => [
      { invariant: 'BALANCE_MATCHES_ENTRIES', walletId: l.bob },
      { invariant: 'ZERO_SUM', organizationId: l.organizationId },
    ],
  },
  {
    name: 'an entry deleted',
    sql: (l) => [`DELETE FROM ledger_entries WHERE wallet_id = '${l.bob}' AND sequence = 3`],
    expected: (l) => [
      { invariant: 'RUNNING_BALANCE', walletId: l.bob, entryId: l.entry(l.bob, 4) },
      { invariant: 'BALANCE_MATCHES_ENTRIES', walletId: l.bob },
      { invariant: 'BALANCED_TRANSACTION', transactionId: l.reversal1 },
    ],
  },
  {
    name: 'an entry amount changed',
    sql: (l) => [setEntry(l.carol, 1, `amount = '600'`)],
    expected: (l) => [
      { invariant: 'RUNNING_BALANCE', walletId: l.carol, entryId: l.entry(l.carol, 1) },
      { invariant: 'BALANCE_MATCHES_ENTRIES', walletId: l.carol },
      { invariant: 'BALANCED_TRANSACTION', transactionId: l.transfer2 },
    ],
  },
  {
    name: 'a balance_after broken',
    sql: (l) => [setEntry(l.alice, 2, `balance_after = '7001'`)],
    expected: (l) => [
      { invariant: 'RUNNING_BALANCE', walletId: l.alice, entryId: l.entry(l.alice, 2) },
    ],
  },
  {
    // bob -> carol becomes 75.00 where bob had 70.00: wallets, entries and the transaction
    // agree with each other, and only the overdraft is wrong. PostgreSQL forbids it with a
    // CHECK constraint, which the corruption drops first.
    name: 'a non-SYSTEM wallet made negative, consistently',
    sql: (l, d) => [
      ...(d.kind === 'postgres'
        ? ['ALTER TABLE ledger_wallets DROP CONSTRAINT ledger_wallets_not_overdrawn']
        : []),
      setTransaction(l.transfer2, `amount = '7500'`),
      setEntry(l.bob, 4, `amount = '7500', balance_after = '-500'`),
      setEntry(l.bob, 5, `balance_after = '-2500'`),
      setWallet(l.bob, `balance = '-2500'`),
      setEntry(l.carol, 1, `amount = '7500', balance_after = '7500'`),
      setWallet(l.carol, `balance = '7500'`),
    ],
    expected: (l) => [{ invariant: 'NEGATIVE_BALANCE', walletId: l.bob }],
  },
  {
    // carol is credited 6.00 for a 5.00 transfer, and her statement and balance say so: money
    // created from nothing, which only the organization's sum and the transaction reveal.
    name: 'an organization+currency sum unbalanced',
    sql: (l) => [
      setEntry(l.carol, 1, `amount = '600', balance_after = '600'`),
      setWallet(l.carol, `balance = '600'`),
    ],
    expected: (l) => [
      { invariant: 'ZERO_SUM', organizationId: l.organizationId },
      { invariant: 'BALANCED_TRANSACTION', transactionId: l.transfer2 },
    ],
  },
  {
    // The open hold gets posted entries, with statements and balances following them.
    name: 'a PENDING hold with entries',
    sql: (l, d) => {
      const entry = (walletId: string, sequence: number, direction: string, balance: string) =>
        `INSERT INTO ledger_entries (organization_id, wallet_id, sequence, id, transaction_id, direction, amount, balance_after, created_at)
         VALUES ('${l.organizationId}', '${walletId}', ${sequence}, '${randomUUID()}', '${l.hold}', '${direction}', '500', '${balance}', ${d.time(Date.now())})`;
      return [
        entry(l.alice, 5, 'DEBIT', '9500'),
        entry(l.carol, 2, 'CREDIT', '1000'),
        setWallet(l.alice, `balance = '9500', last_sequence = 5`),
        setWallet(l.carol, `balance = '1000', last_sequence = 2`),
      ];
    },
    expected: (l) => [{ invariant: 'ENTRIES_MATCH_TRANSACTIONS', transactionId: l.hold }],
  },
  {
    name: 'a held amount inconsistent with the open holds',
    sql: (l) => [setWallet(l.alice, `held = '0'`)],
    expected: (l) => [{ invariant: 'HELD_MATCHES_HOLDS', walletId: l.alice }],
  },
  {
    // Keys are unique by the table's primary key: PostgreSQL can drop it; SQLite's WITHOUT
    // ROWID table cannot lose its key, so the table is rebuilt without one.
    name: 'an idempotency key stored twice',
    sql: (l, d) => [
      ...(d.kind === 'postgres'
        ? ['ALTER TABLE ledger_idempotency_keys DROP CONSTRAINT ledger_idempotency_keys_pkey']
        : [
            'CREATE TABLE keys_copy AS SELECT * FROM ledger_idempotency_keys',
            'DROP TABLE ledger_idempotency_keys',
            'ALTER TABLE keys_copy RENAME TO ledger_idempotency_keys',
          ]),
      `INSERT INTO ledger_idempotency_keys SELECT * FROM ledger_idempotency_keys WHERE key = '${l.transferKey}'`,
    ],
    expected: (l) => [
      {
        invariant: 'IDEMPOTENCY_KEY_UNIQUE',
        organizationId: l.organizationId,
        idempotencyKey: l.transferKey,
      },
    ],
  },
  {
    // The second reversal of the 30.00 transfer grows from 20.00 to 25.00, with its entries
    // and both balances: the reversals now total 35.00 against 30.00.
    name: 'a reversal exceeding its original',
    sql: (l) => [
      setTransaction(l.reversal2, `amount = '2500'`),
      setEntry(l.alice, 4, `amount = '2500', balance_after = '10500'`),
      setWallet(l.alice, `balance = '10500'`),
      setEntry(l.bob, 5, `amount = '2500', balance_after = '4000'`),
      setWallet(l.bob, `balance = '4000'`),
    ],
    expected: (l) => [{ invariant: 'REVERSAL_WITHIN_ORIGINAL', transactionId: l.transfer }],
  },
];
