// Proves that `kill -9` of `vaultcraft serve` in the middle of concurrent money-moving traffic (16 in flight: transfers, holds, captures, voids, batches) loses nothing acknowledged and half-writes nothing, on SQLite and on PostgreSQL: after each restart on the same database every acknowledged transaction reads back, every transaction present traces to an acknowledged or an in-flight request, batches are all or nothing, balances equal the client's model, retrying the in-flight requests under their Idempotency-Keys writes each at most once, and `vaultcraft verify` exits 0; 3 crashes per backend (20 with VAULTCRAFT_RELIABILITY=heavy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../adapters/test/postgres-test-database.js';
import {
  killAllChildren,
  processJwtSecret,
  type ServeProcess,
  startServe,
} from '../process/cli-process.js';
import { mapLimit } from '../process/http-api.js';
import { expectBalances, reconcile, retryUnknown } from './ledger-reconcile.js';
import { killServers, openLedger, verifyLedger } from './ledger-setup.js';
import {
  answeredTransactions,
  countOutcomes,
  driveTraffic,
  outcomeOf,
  unexpectedAnswers,
} from './ledger-traffic.js';
import { send } from './reliability-http.js';
import { between, printFigures, seed, seededRandom, setting } from './reliability-settings.js';

const crashes = setting({ normal: 3, heavy: 20 });
const inFlightMax = 16;

/** Per backend: what was sent, acknowledged, in flight at a kill, and found committed. */
const figures: Record<string, Record<string, number | string>> = {};

afterAll(async () => {
  await killAllChildren();
  printFigures('crash', figures);
});

type Backend = 'sqlite' | 'postgres';

/** A database for one backend, and how to get rid of it. */
async function openDatabase(
  backend: Backend,
  directory: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (backend === 'sqlite') {
    return { url: join(directory, 'ledger.sqlite'), drop: async () => {} };
  }
  return createTestDatabase(inject('postgresUrl'));
}

// The two backends run side by side: most of a round is spent waiting for a restart.
describe.concurrent.each<Backend>(['sqlite', 'postgres'])(
  'kill -9 of vaultcraft serve on %s',
  (backend) => {
    it(
      `keeps every acknowledged cent through ${crashes} crashes (seed ${seed})`,
      async () => {
        const directory = mkdtempSync(join(tmpdir(), `vaultcraft-crash-${backend}-`));
        const database = await openDatabase(backend, directory);
        const env = {
          DATABASE_URL: database.url,
          VAULTCRAFT_JWT_SECRET: processJwtSecret,
          LOG_LEVEL: 'warn',
        };
        const totals = {
          requests: 0,
          acknowledged: 0,
          refused: 0,
          inFlightAtKill: 0,
          committedUnacknowledged: 0,
          retried: 0,
          crashesSurvived: 0,
          verifyRuns: 0,
          transactionsInLedger: 0,
        };
        const started: ServeProcess[] = [];
        const serve = async () => {
          const server = await startServe({ cwd: directory, env });
          started.push(server);
          return server;
        };
        try {
          let server = await serve();
          const { token, wallets, model } = await openLedger(server.url, {
            wallets: 8,
            deposit: '200.00',
            prefix: `crash-${backend}`,
          });
          for (let crash = 0; crash < crashes; crash += 1) {
            const random = seededRandom(crash * 2 + (backend === 'sqlite' ? 0 : 1));
            // The kill lands after a random number of answers, plus a few random milliseconds,
            // so that it hits requests at every stage: parsing, in the database, answering.
            const killAfterAnswers = between(random, 20, 160);
            let killing = false;
            let answered = 0;
            const victim = server;
            const attempts = await driveTraffic({
              lanes: inFlightMax,
              token,
              model,
              plan: { wallets, hotWallets: 2, random, markerPrefix: `${backend}-c${crash}` },
              url: () => victim.url,
              stop: () => killing,
              onAttempt: ({ answer }) => {
                if (answer.kind !== 'answered' || ++answered !== killAfterAnswers) return;
                setTimeout(
                  () => {
                    killing = true;
                    victim.child.kill('SIGKILL');
                  },
                  between(random, 0, 15),
                );
              },
            });
            const ended = await victim.exited;
            expect(ended.signal).toBe('SIGKILL');
            expect(unexpectedAnswers(attempts)).toEqual([]);

            // `verify` checks the state the crash left (nothing half-written) while the server
            // restarts on it; the restart applies no migration and writes nothing by itself.
            [server] = await Promise.all([
              serve(),
              verifyLedger({ cwd: directory, databaseUrl: database.url }),
            ]);
            const acknowledged = attempts
              .filter((a) => outcomeOf(a.operation, a.answer) === 'success')
              .flatMap((a) => answeredTransactions(a.answer).map((t) => t.id));
            const reads = await mapLimit(acknowledged, inFlightMax, (id) =>
              send(server.url, 'GET', `/api/v1/transactions/${id}`, { token }),
            );
            expect(reads.filter((r) => r.kind !== 'answered' || r.status !== 200)).toEqual([]);

            const reconciliation = await reconcile({ url: server.url, token, model, attempts });
            const retried = await retryUnknown({
              url: server.url,
              token,
              model,
              attempts,
              reconciliation,
            });
            await expectBalances({ url: server.url, token, model });
            const counts = countOutcomes(attempts);
            totals.requests += attempts.length;
            totals.acknowledged += counts.success;
            totals.refused += counts.refused;
            totals.inFlightAtKill += counts.unknown;
            totals.committedUnacknowledged += reconciliation.committed;
            totals.retried += retried;
            totals.crashesSurvived += 1;
            totals.verifyRuns += 1;
            totals.transactionsInLedger = reconciliation.transactions;
          }
          // Every round must have killed the server with requests in flight.
          expect(totals.inFlightAtKill).toBeGreaterThanOrEqual(crashes);
          server.child.kill('SIGTERM');
          expect((await server.exited).code).toBe(0);
          // And the retries of the last round left the ledger consistent too.
          await verifyLedger({ cwd: directory, databaseUrl: database.url });
          totals.verifyRuns += 1;
        } finally {
          figures[backend] = { ...totals };
          await killServers(started);
          await database.drop();
          rmSync(directory, { recursive: true, force: true });
        }
      },
      crashes * 40_000 + 30_000,
    );
  },
);
