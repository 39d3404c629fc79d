import { existsSync } from 'node:fs';
import {
  ConfigurationError,
  type LedgerCounts,
  type LedgerStore,
  type LedgerViolation,
  verifyLedger,
} from '@vaultcraft/core';
import { describeDatabase } from '../config/describe-config.js';
import type { DatabaseSettings } from '../config/load-config.js';
import { configurationSetting } from './describe-cli-error.js';
import type { CliIo } from './run-cli.js';

/** Options of {@link verifyCommand} beyond the configuration and the output. */
export interface VerifyCommandOptions {
  /** The command's arguments: `--organization <id>` (or `--organization=<id>`) checks one. */
  readonly args?: readonly string[];
  /**
   * Shows a progress line (counts so far), each replacing the previous one, then `null` when
   * the check is done; `null` shows none. Default: on stderr when stderr is a terminal, none
   * otherwise, so that logs and pipes only get the violations and the summary.
   */
  readonly progress?: ((line: string | null) => void) | null;
}

/** Progress lines at most this often: a terminal need not redraw on every page of rows. */
const progressIntervalMs = 200;

/**
 * `vaultcraft verify`: checks every ledger invariant of the configured database in one
 * consistent snapshot (a live database may keep taking writes meanwhile), streaming its rows.
 * Prints each violation on stderr with the invariant's name and the ids involved, then a
 * summary line; exit code 1 when anything is wrong, 0 when all is well, 2 for bad arguments or
 * an organization (`--organization`) that does not exist. Opens the database without migrating
 * it: verifying never changes the schema.
 *
 * @throws `CONFIGURATION_ERROR` naming `DATABASE_URL` when there is no SQLite file at the
 *   path, when the database has no VaultCraft schema, or when it cannot be reached.
 * @example
 * ```ts
 * const code = await verifyCommand(loadDatabaseSettings(process.env, { cwd }), io, {
 *   args: ['--organization', organizationId],
 * });
 * ```
 */
export async function verifyCommand(
  config: DatabaseSettings,
  io: CliIo,
  options: VerifyCommandOptions = {},
): Promise<number> {
  const parsed = parseVerifyArguments(options.args ?? []);
  if (typeof parsed === 'string') {
    io.err(`vaultcraft verify: ${parsed}\n\nUsage: vaultcraft verify [--organization <id>]`);
    return 2;
  }
  const { database } = config;
  // Opening SQLite creates a missing file: a mistyped DATABASE_URL would leave an empty
  // database behind and then be reported as one without a schema.
  if (database.kind === 'sqlite' && database.path !== ':memory:' && !existsSync(database.path)) {
    throw new ConfigurationError(
      'DATABASE_URL',
      `there is no SQLite database at ${database.path}; check DATABASE_URL (relative paths are resolved against the working directory)`,
    );
  }
  const progress = options.progress === undefined ? terminalProgress() : options.progress;
  const store = await openStore(config);
  try {
    const started = performance.now();
    let shownAt = Number.NEGATIVE_INFINITY;
    const report = await verifyLedger(store, {
      ...(parsed.organizationId !== undefined && { organizationId: parsed.organizationId }),
      ...(progress && {
        onProgress: (checked: LedgerCounts) => {
          if (performance.now() - shownAt < progressIntervalMs) return;
          shownAt = performance.now();
          progress(`vaultcraft verify: ${describeCounts(checked)} so far...`);
        },
      }),
    });
    progress?.(null);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = `${describeCounts(report.checked)} in ${seconds} s`;
    if (parsed.organizationId !== undefined && report.checked.organizations === 0) {
      io.err(`vaultcraft verify: there is no organization ${parsed.organizationId}`);
      return 2;
    }
    for (const violation of report.violations) io.err(describeViolation(violation));
    if (report.ok) {
      io.out(`vaultcraft verify: OK, checked ${counts}`);
      return 0;
    }
    const found = `${report.violations.length}${report.truncated ? '+' : ''} violation(s)`;
    io.err(`vaultcraft verify: ${found} (${describeTally(report.violations)}) in ${counts}`);
    return 1;
  } finally {
    await store.close();
  }
}

/** The filter asked for, or what is wrong with the arguments. */
function parseVerifyArguments(args: readonly string[]): { organizationId?: string } | string {
  const [first, second, ...rest] = args;
  if (first === undefined) return {};
  const inline = /^--organization=(.*)$/.exec(first);
  const organizationId = inline !== null ? inline[1] : first === '--organization' ? second : null;
  if (organizationId === null) return `unexpected argument ${first}`;
  if (organizationId === undefined || organizationId === '')
    return '--organization needs an organization id';
  const extra = inline !== null ? second : rest[0];
  if (extra !== undefined) return `unexpected argument ${extra}`;
  return { organizationId };
}

/** One line per violation: the invariant's name, what is wrong, then every id involved. */
function describeViolation(violation: LedgerViolation): string {
  const ids = [
    `organization ${violation.organizationId}`,
    violation.walletId && `wallet ${violation.walletId}`,
    violation.transactionId && `transaction ${violation.transactionId}`,
    violation.entryId && `entry ${violation.entryId}`,
    violation.idempotencyKey !== undefined &&
      `idempotency key ${JSON.stringify(violation.idempotencyKey)}`,
  ].filter(Boolean);
  return `VIOLATION ${violation.invariant}: ${violation.message} (${ids.join(', ')})`;
}

function describeCounts(checked: LedgerCounts): string {
  return `${checked.organizations} organizations, ${checked.wallets} wallets, ${checked.transactions} transactions, ${checked.entries} entries, ${checked.idempotencyKeys} idempotency keys`;
}

/** How many violations of each invariant, e.g. `BALANCE_MATCHES_ENTRIES 1, ZERO_SUM 1`. */
function describeTally(violations: readonly LedgerViolation[]): string {
  const tally = new Map<string, number>();
  for (const { invariant } of violations) tally.set(invariant, (tally.get(invariant) ?? 0) + 1);
  return [...tally].map(([invariant, count]) => `${invariant} ${count}`).join(', ');
}

/** A progress line redrawn in place on stderr when it is a terminal; nothing otherwise. */
function terminalProgress(): ((line: string | null) => void) | null {
  if (!process.stderr.isTTY) return null;
  // Carriage return, then erase to the end of the line (ECMA-48 EL): the next line replaces it.
  return (line) => process.stderr.write(line === null ? '\r\u001b[K' : `\r\u001b[K${line}`);
}

/** Opens the ledger without migrating; a missing schema names the command that creates it. */
async function openStore(config: DatabaseSettings): Promise<LedgerStore> {
  const { database } = config;
  try {
    // Only the driver of the configured kind is loaded: each costs about a second to import.
    if (database.kind === 'sqlite') {
      const { openSqliteStore } = await import('@vaultcraft/adapters/sqlite');
      return await openSqliteStore({ path: database.path, migrate: false });
    }
    const { openPostgresStore } = await import('@vaultcraft/adapters/postgres');
    return await openPostgresStore({ url: database.url, migrate: false });
  } catch (error) {
    // The adapters word this for a library caller ("open it with migrate: true").
    if (configurationSetting(error) === 'migrate') {
      throw new ConfigurationError(
        'DATABASE_URL',
        `the database (${describeDatabase(config.database)}) has no VaultCraft schema yet, or ` +
          'lacks migrations: run "vaultcraft migrate" with the same DATABASE_URL first',
        { cause: error },
      );
    }
    throw error;
  }
}
