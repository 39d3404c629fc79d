// SQLite store benchmarks: the engine on `openSqliteStore` (WAL) beside raw better-sqlite3
// doing the same transfer on the same schema, in the same run. See docs/sqlite-store.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSqlite, openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { createVault, formatMinor, uuidV7Generator } from '@vaultcraft/core';
import Database from 'better-sqlite3';
import { type Measurement, measureSequential, type Row } from './measure.js';
import { fundingMinor, type Move, moves, walletCount } from './workload.js';

const ratioGoal = 0.8;

type Synchronous = 'FULL' | 'NORMAL';

/** A fresh directory for one workload's database, removed afterwards. */
async function inTempDirectory<T>(run: (path: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-bench-'));
  try {
    return await run(join(directory, 'ledger.sqlite'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Transfers through the engine on the SQLite store, one per call and so one per transaction:
 * validation, the store's write (expiry probe, two wallet reads, checks, two updates, the
 * transaction row, two entries, all in one BEGIN IMMEDIATE), and the result formatted. The
 * ledger is verified and the money total checked afterwards.
 */
export async function benchSqliteEngine(
  count: number,
  synchronous: Synchronous,
): Promise<Measurement> {
  return inTempDirectory(async (path) => {
    const store = await openSqliteStore({ path, synchronous });
    const vault = createVault({ store });
    const organization = await vault.organizations.create({ name: 'Bench' });
    const scope = vault.organization(organization.id);
    const wallets: string[] = [];
    for (let index = 0; index < walletCount; index += 1) {
      const wallet = await scope.wallets.create({
        name: `W${index}`,
        walletType: 'PRIMARY',
        currency: 'USD',
        ownerId: `owner-${index}`,
      });
      wallets.push(wallet.id);
    }
    const funding = formatMinor(fundingMinor, 2);
    for (const id of wallets) await scope.transactions.deposit({ walletId: id, amount: funding });
    const plan = moves(count, 7).map((move) => ({
      fromWalletId: wallets[move.from]!,
      toWalletId: wallets[move.to]!,
      amount: formatMinor(move.amountMinor, 2),
    }));
    const measurement = await measureSequential(
      {
        store: `sqlite WAL synchronous=${synchronous}`,
        workload: 'engine transfer, 1 caller, 1 per transaction',
      },
      count,
      (index) => scope.transactions.transfer(plan[index]!),
    );
    const report = await vault.verify();
    if (!report.ok)
      throw new Error(
        `ledger invariants broken after the benchmark: ${report.violations[0]?.message}`,
      );
    let total = 0n;
    for (const id of wallets)
      total += BigInt((await scope.wallets.retrieve(id)).balance.replace('.', ''));
    if (total !== fundingMinor * BigInt(walletCount))
      throw new Error(`money total changed: ${total}`);
    await store.close();
    return measurement;
  });
}

/**
 * The baseline: raw better-sqlite3 on the same schema (migrated by the store's own migrations)
 * and pragmas, doing the same transfer in one BEGIN IMMEDIATE with prepared statements: read
 * both wallets, check status and funds, update both, insert the transaction row and two
 * entries. Its wallets are funded by deposits from a SYSTEM wallet first, as on the engine side,
 * so that both measured loops start from a ledger of the same size, and its ids are UUIDv7 like
 * the engine's (random v4 ids would scatter inserts across the primary keys and cost it pages).
 */
export async function benchRawBetterSqlite(
  count: number,
  synchronous: Synchronous,
): Promise<Measurement> {
  return inTempDirectory(async (path) => {
    await migrateSqlite({ path });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    const nextId = uuidV7Generator();
    const org = nextId();
    db.prepare("INSERT INTO ledger_organizations VALUES (?, 'Bench', '{}', ?)").run(
      org,
      Date.now(),
    );
    const system = nextId();
    const ids = Array.from({ length: walletCount }, () => nextId());
    const insertWallet =
      db.prepare(`INSERT INTO ledger_wallets (organization_id, id, owner_id, name, wallet_type, currency, status, balance, held, metadata, created_at, updated_at)
      VALUES (?, ?, ?, 'W', ?, 'USD', 'ACTIVE', '0', '0', '{}', ?, ?)`);
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
    interface WalletState {
      balance: string;
      held: string;
      status: string;
      wallet_type: string;
      last_sequence: number;
    }
    const post = (type: string, fromId: string, toId: string, amountMinor: bigint) => {
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
      update.run(fromBalance, from.last_sequence + 1, at, at, org, fromId);
      update.run(toBalance, to.last_sequence + 1, at, at, org, toId);
      insertTransaction.run(org, id, type, amount, fromId, toId, at, at);
      insertEntry.run(
        org,
        fromId,
        from.last_sequence + 1,
        nextId(),
        id,
        'DEBIT',
        amount,
        fromBalance,
        at,
      );
      insertEntry.run(
        org,
        toId,
        to.last_sequence + 1,
        nextId(),
        id,
        'CREDIT',
        amount,
        toBalance,
        at,
      );
    };
    db.transaction(() => {
      insertWallet.run(org, system, org, 'SYSTEM', Date.now(), Date.now());
      for (const [index, id] of ids.entries())
        insertWallet.run(org, id, `owner-${index}`, 'PRIMARY', Date.now(), Date.now());
      for (const id of ids) post('DEPOSIT', system, id, fundingMinor);
    })();
    const transfer = db.transaction((move: Move) =>
      post('TRANSFER', ids[move.from]!, ids[move.to]!, move.amountMinor),
    );
    const plan = moves(count, 7);
    const measurement = await measureSequential(
      {
        store: `sqlite WAL synchronous=${synchronous}`,
        workload: 'raw better-sqlite3, same transfer',
      },
      count,
      (index) => transfer.immediate(plan[index]!),
    );
    const total = (
      db
        .prepare("SELECT balance FROM ledger_wallets WHERE wallet_type <> 'SYSTEM'")
        .pluck()
        .all() as string[]
    ).reduce((sum, balance) => sum + BigInt(balance), 0n);
    db.close();
    if (total !== fundingMinor * BigInt(walletCount))
      throw new Error(`money total changed: ${total}`);
    return measurement;
  });
}

/** The measurement with the median rate. */
function median(measurements: Measurement[]): Measurement {
  const sorted = [...measurements].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The SQLite rows of `pnpm bench`: the engine on the store beside raw better-sqlite3, with
 * synchronous=FULL (the default: durable) and NORMAL (opt-in, where CPU rather than the disk
 * decides and the store's own cost shows). Goal: at least 0.8x the baseline.
 */
export async function runSqliteBench(options: { quick: boolean }): Promise<Row[]> {
  const count = options.quick ? 300 : 3000;
  // fsync times on a shared disk drift from run to run: several rounds, alternating which side
  // goes first, and the median of each side.
  const rounds = options.quick ? 1 : 3;
  // Warm-up: JIT, page cache, the file system's first allocations.
  await benchSqliteEngine(Math.min(count, 300), 'NORMAL');
  await benchRawBetterSqlite(Math.min(count, 300), 'NORMAL');
  const rows: Row[] = [];
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    const engine: Measurement[] = [];
    const raw: Measurement[] = [];
    for (let round = 0; round < rounds; round += 1) {
      if (round % 2 === 0) raw.push(await benchRawBetterSqlite(count, synchronous));
      engine.push(await benchSqliteEngine(count, synchronous));
      if (round % 2 === 1) raw.push(await benchRawBetterSqlite(count, synchronous));
    }
    const measurement = median(engine);
    const baseline = median(raw);
    const met = measurement.perSecond >= ratioGoal * baseline.perSecond;
    rows.push({ measurement, baseline, goal: `>= ${ratioGoal}x baseline`, met });
  }
  return rows;
}
