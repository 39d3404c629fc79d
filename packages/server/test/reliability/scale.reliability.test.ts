// Proves that three `vaultcraft serve` processes on one PostgreSQL database keep the ledger exact under 64 concurrent clients: random and hot-wallet transfers, holds, captures and voids, batches, a capture raced against a void and a second capture of the same hold on different processes (exactly one wins, the rest answer 400 INVALID_STATE), and one Idempotency-Key raced on all three processes (one transaction); no answer is a 5xx (no deadlock or serialization failure reaches a client), every transaction traces to its request, balances equal the acknowledged moves, and `vaultcraft verify` exits 0. 800 operations (12,000 with VAULTCRAFT_RELIABILITY=heavy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../adapters/test/postgres-test-database.js';
import {
  killAllChildren,
  processJwtSecret,
  type ServeProcess,
  startServe,
} from '../process/cli-process.js';
import type { LedgerModel } from './ledger-model.js';
import { expectBalances, reconcile } from './ledger-reconcile.js';
import { openLedger, verifyLedger } from './ledger-setup.js';
import {
  type Attempt,
  answeredTransactions,
  applySuccess,
  type Operation,
  outcomeOf,
  planOperation,
  sendOperation,
  type TrafficPlan,
} from './ledger-traffic.js';
import type { Answer } from './reliability-http.js';
import { printFigures, type Random, seed, seededRandom, setting } from './reliability-settings.js';

const operationCount = setting({ normal: 800, heavy: 12_000 });
const clients = 64;

let directory: string;
let database: TestDatabase;
let servers: ServeProcess[];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'vaultcraft-scale-'));
  database = await createTestDatabase(inject('postgresUrl'));
  const env = {
    DATABASE_URL: database.url,
    VAULTCRAFT_JWT_SECRET: processJwtSecret,
    LOG_LEVEL: 'warn',
  };
  servers = await Promise.all([1, 2, 3].map(() => startServe({ cwd: directory, env })));
}, 90_000);

afterAll(async () => {
  await killAllChildren();
  await database?.drop();
  rmSync(directory, { recursive: true, force: true });
});

/** Every answer of the run, to count statuses and find any 5xx. */
interface Tally {
  readonly statuses: Map<number, number>;
  readonly lost: string[];
  readonly unexpected: string[];
}

function note(tally: Tally, operation: Operation, answer: Answer): void {
  if (answer.kind === 'lost') {
    tally.lost.push(`${operation.kind} ${operation.marker}: ${answer.reason}`);
    return;
  }
  tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
}

/** Three requests at once, one per server. */
function onEachServer(send: (url: string) => Promise<Answer>): Promise<Answer[]> {
  return Promise.all(servers.map((server) => send(server.url)));
}

/**
 * One Idempotency-Key raced on all three processes with one body: every success names the
 * same transaction and at most one of them is not a replay. Returns the attempt that stands
 * for the race in the reconciliation (a success if any).
 */
async function raceKey(options: {
  operation: Operation;
  token: string;
  tally: Tally;
}): Promise<Attempt> {
  const { operation, token, tally } = options;
  const answers = await onEachServer((url) => sendOperation({ url, token, operation }));
  const attempts = answers.map((answer, index) => ({
    operation,
    url: servers[index]!.url,
    answer,
  }));
  for (const { answer } of attempts) note(tally, operation, answer);
  const won = attempts.filter((a) => outcomeOf(a.operation, a.answer) === 'success');
  const ids = new Set(won.map((a) => answeredTransactions(a.answer)[0]?.id));
  expect(ids.size, `key race ${operation.marker}`).toBeLessThanOrEqual(1);
  const fresh = won.filter(
    (a) => a.answer.kind === 'answered' && !a.answer.headers.has('idempotent-replayed'),
  );
  expect(fresh.length, `key race ${operation.marker}: writes`).toBe(won.length === 0 ? 0 : 1);
  for (const attempt of attempts) {
    if (outcomeOf(operation, attempt.answer) === 'unexpected') {
      tally.unexpected.push(`key race ${operation.marker}: ${JSON.stringify(attempt.answer)}`);
    }
  }
  return won[0] ?? attempts[0]!;
}

/**
 * A hold's capture, a void and a second (full) capture sent at once to the three processes:
 * exactly one wins, the others answer 400 INVALID_STATE. Returns the winner's attempt.
 */
async function raceDecision(options: {
  model: LedgerModel;
  random: Random;
  marker: string;
  token: string;
  tally: Tally;
}): Promise<Attempt | null> {
  const { model, token, tally, marker } = options;
  const hold = model.takeHold(options.random);
  if (hold === undefined) return null;
  const operations: Operation[] = [
    { kind: 'capture', marker: `${marker}.capture`, holdId: hold.id, body: {} },
    { kind: 'void', marker: `${marker}.void`, holdId: hold.id },
    { kind: 'capture', marker: `${marker}.again`, holdId: hold.id, body: {} },
  ];
  const answers = await Promise.all(
    operations.map((operation, index) =>
      sendOperation({ url: servers[index]!.url, token, operation }),
    ),
  );
  const attempts = operations.map((operation, index) => ({
    operation,
    url: servers[index]!.url,
    answer: answers[index]!,
  }));
  const outcomes = attempts.map((a) => outcomeOf(a.operation, a.answer, ['INVALID_STATE']));
  for (const attempt of attempts) note(tally, attempt.operation, attempt.answer);
  expect(
    outcomes.filter((o) => o === 'success'),
    `decision race ${marker}`,
  ).toHaveLength(1);
  expect(
    outcomes.filter((o) => o === 'refused'),
    `decision race ${marker}`,
  ).toHaveLength(2);
  const winner = attempts[outcomes.indexOf('success')]!;
  applySuccess(model, winner.operation, winner.answer);
  return winner;
}

describe('three server processes on one PostgreSQL database, 64 clients', () => {
  it(
    `keeps the ledger exact through ${operationCount} concurrent operations (seed ${seed})`,
    async () => {
      const { token, wallets, model } = await openLedger(servers[0]!.url, {
        wallets: 24,
        deposit: '300.00',
        prefix: 'scale',
      });
      const random = seededRandom(7);
      const plan: TrafficPlan = { wallets, hotWallets: 3, random, markerPrefix: 'scale' };
      const tally: Tally = { statuses: new Map(), lost: [], unexpected: [] };
      const attempts: Attempt[] = [];
      const races = { keys: 0, decisions: 0 };
      let next = 0;
      const client = async () => {
        while (next < operationCount) {
          const index = next;
          next += 1;
          const roll = random();
          if (roll < 0.08) {
            const winner = await raceDecision({
              model,
              random,
              marker: `scale-${index}`,
              token,
              tally,
            });
            if (winner !== null) {
              races.decisions += 1;
              attempts.push(winner);
              continue;
            }
          }
          const operation = planOperation(model, plan, index);
          if (roll >= 0.92 && (operation.kind === 'transfer' || operation.kind === 'batch')) {
            races.keys += 1;
            const standing = await raceKey({ operation, token, tally });
            if (outcomeOf(operation, standing.answer) === 'success') {
              applySuccess(model, operation, standing.answer);
            }
            attempts.push(standing);
            continue;
          }
          const url = servers[index % servers.length]!.url;
          const answer = await sendOperation({ url, token, operation, timeoutMs: 30_000 });
          note(tally, operation, answer);
          const outcome = outcomeOf(operation, answer);
          if (outcome === 'success') applySuccess(model, operation, answer);
          if (outcome === 'unknown' || outcome === 'unexpected') {
            tally.unexpected.push(
              `${operation.kind} ${operation.marker}: ${JSON.stringify(answer)}`,
            );
          }
          if (outcome !== 'success' && 'holdId' in operation) model.releaseHold(operation.holdId);
          attempts.push({ operation, url, answer });
        }
      };
      await Promise.all(Array.from({ length: clients }, client));

      const statuses = Object.fromEntries(tally.statuses);
      expect(tally.lost, 'requests without an answer').toEqual([]);
      expect(tally.unexpected.slice(0, 5), 'unexpected answers').toEqual([]);
      expect(Object.keys(statuses).filter((status) => Number(status) >= 500)).toEqual([]);
      expect(races.keys).toBeGreaterThan(0);
      expect(races.decisions).toBeGreaterThan(0);

      // Read back through another process than the one that wrote most of it.
      const reconciliation = await reconcile({ url: servers[2]!.url, token, model, attempts });
      expect(reconciliation.unknown).toBe(0);
      await expectBalances({ url: servers[1]!.url, token, model });
      const verified = await verifyLedger({ cwd: directory, databaseUrl: database.url });
      printFigures('scale', {
        servers: servers.length,
        clients,
        operations: operationCount,
        requests: [...tally.statuses.values()].reduce((sum, count) => sum + count, 0),
        statuses,
        keyRaces: races.keys,
        decisionRaces: races.decisions,
        transactionsInLedger: reconciliation.transactions,
        verify: verified,
      });
    },
    60_000 + operationCount * 60,
  );
});
