// The SQLite baseline: raw better-sqlite3 on the same schema (made by the store's own
// migrations) and pragmas, doing the same transfer with prepared statements in one
// BEGIN IMMEDIATE: read both wallets, check status and funds, update both, insert the
// transaction row and two entries. Its ids are UUIDv7 like the engine's (random v4 ids would
// scatter inserts across the primary keys and cost it pages). Being synchronous, it serializes
// concurrent callers: one transaction per transfer, one after another.
import { migrateSqlite } from '@vaultcraft/adapters/sqlite';
import { uuidV7Generator } from '@vaultcraft/core';
import Database from 'better-sqlite3';
import { checkWalletSums, type EngineLedger } from './engine-ledger.js';
import type { LedgerSide } from './sql-workloads.js';
import { fundingMinor, type Move, walletCount } from './workload.js';

interface WalletState {
  readonly balance: string;
  readonly held: string;
  readonly status: string;
  readonly wallet_type: string;
  readonly last_sequence: number;
}

/** The statements of a transfer on one connection, and `post` doing one. */
function prepare(db: Database.Database, organizationId: string) {
  const nextId = uuidV7Generator();
  const read = db.prepare(
    'SELECT balance, held, status, wallet_type, last_sequence FROM ledger_wallets WHERE organization_id = ? AND id = ?',
  );
  const update = db.prepare(
    'UPDATE ledger_wallets SET balance = ?, last_sequence = ?, last_entry_at = ?, updated_at = ? WHERE organization_id = ? AND id = ?',
  );
  const insertTransaction =
    db.prepare(`INSERT INTO ledger_transactions (organization_id, id, transaction_type, status, amount, reversed_amount, currency, from_wallet_id, to_wallet_id, metadata, created_at, completed_at)
      VALUES (?, ?, ?, 'COMPLETED', ?, '0', 'USD', ?, ?, '{}', ?, ?)`);
  const insertEntry =
    db.prepare(`INSERT INTO ledger_entries (organization_id, wallet_id, sequence, id, transaction_id, direction, amount, balance_after, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const org = organizationId;
  return (type: string, fromId: string, toId: string, amountMinor: bigint) => {
    const from = read.get(org, fromId) as WalletState;
    const to = read.get(org, toId) as WalletState;
    if (from.status !== 'ACTIVE' || to.status !== 'ACTIVE') throw new Error('frozen');
    const available = BigInt(from.balance) - BigInt(from.held);
    if (from.wallet_type !== 'SYSTEM' && available < amountMinor)
      throw new Error('insufficient funds');
    const fromBalance = (BigInt(from.balance) - amountMinor).toString();
    const toBalance = (BigInt(to.balance) + amountMinor).toString();
    const at = Date.now();
    const id = nextId();
    const amount = amountMinor.toString();
    const [fromSequence, toSequence] = [from.last_sequence + 1, to.last_sequence + 1];
    update.run(fromBalance, fromSequence, at, at, org, fromId);
    update.run(toBalance, toSequence, at, at, org, toId);
    insertTransaction.run(org, id, type, amount, fromId, toId, at, at);
    insertEntry.run(org, fromId, fromSequence, nextId(), id, 'DEBIT', amount, fromBalance, at);
    insertEntry.run(org, toId, toSequence, nextId(), id, 'CREDIT', amount, toBalance, at);
  };
}

function open(path: string, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Migrates a fresh file and sets up the baseline's ledger like the engine's: an organization,
 * a SYSTEM wallet and `walletCount` wallets funded by deposits from it, in one transaction.
 */
export async function setUpRawSqlite(path: string): Promise<EngineLedger> {
  await migrateSqlite({ path });
  const db = open(path, 'NORMAL');
  try {
    const nextId = uuidV7Generator();
    const organizationId = nextId();
    const system = nextId();
    const walletIds = Array.from({ length: walletCount }, () => nextId());
    const insertWallet =
      db.prepare(`INSERT INTO ledger_wallets (organization_id, id, owner_id, name, wallet_type, currency, status, balance, held, metadata, created_at, updated_at)
      VALUES (?, ?, ?, 'W', ?, 'USD', 'ACTIVE', '0', '0', '{}', ?, ?)`);
    const post = prepare(db, organizationId);
    db.transaction(() => {
      db.prepare("INSERT INTO ledger_organizations VALUES (?, 'Bench', '{}', ?)").run(
        organizationId,
        Date.now(),
      );
      insertWallet.run(organizationId, system, organizationId, 'SYSTEM', Date.now(), Date.now());
      for (const [index, id] of walletIds.entries())
        insertWallet.run(organizationId, id, `owner-${index}`, 'PRIMARY', Date.now(), Date.now());
      for (const id of walletIds) post('DEPOSIT', system, id, fundingMinor);
    }).immediate();
    return { organizationId, walletIds };
  } finally {
    db.close();
  }
}

/**
 * The baseline's transfers (one BEGIN IMMEDIATE each) and batches (all the batch's transfers
 * in one BEGIN IMMEDIATE) on a ledger of {@link setUpRawSqlite}, with `synchronous` as given.
 */
export function rawSqliteSide(
  path: string,
  ledger: EngineLedger,
  synchronous: 'FULL' | 'NORMAL',
): LedgerSide & { close(): void } {
  const db = open(path, synchronous);
  const post = prepare(db, ledger.organizationId);
  const ids = ledger.walletIds;
  const transfer = db.transaction((move: Move) =>
    post('TRANSFER', ids[move.from]!, ids[move.to]!, move.amountMinor),
  );
  const batch = db.transaction((moves: readonly Move[]) => {
    for (const move of moves) post('TRANSFER', ids[move.from]!, ids[move.to]!, move.amountMinor);
  });
  const balances = db.prepare(
    "SELECT balance, wallet_type = 'SYSTEM' AS system FROM ledger_wallets WHERE organization_id = ?",
  );
  return {
    // async, so that concurrent callers see a promise like the engine's: the call itself runs
    // to its commit before it returns.
    transfer: async (move) => transfer.immediate(move),
    batch: async (moves) => batch.immediate(moves),
    async checkTotals() {
      const rows = balances.all(ledger.organizationId) as { balance: string; system: number }[];
      checkWalletSums(
        'raw better-sqlite3',
        rows.map((row) => ({ balance: BigInt(row.balance), system: row.system === 1 })),
      );
    },
    close: () => db.close(),
  };
}
