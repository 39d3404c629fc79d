// One database outage under load, for the fault suite: traffic flows, the fault is injected,
// requests keep coming while it holds, the fault is repaired, and the server must recover by
// itself. Every answer is then judged by when it was sent, and the ledger reconciled.
import { expect } from 'vitest';
import type { ServeProcess } from '../process/cli-process.js';
import { expectBalances, reconcile, retryUnknown } from './ledger-reconcile.js';
import type { Ledger } from './ledger-setup.js';
import { type Attempt, driveTraffic, type Outcome, outcomeOf } from './ledger-traffic.js';
import {
  type Answer,
  expectErrorAnswer,
  isUnavailable,
  send,
  waitUntil,
} from './reliability-http.js';
import type { Random } from './reliability-settings.js';

/** How to break the database, check what else must hold while it is broken, and repair it. */
export interface Fault {
  readonly name: string;
  inject(): Promise<void>;
  whileBroken?(): Promise<void>;
  repair(): Promise<void>;
}

/** Options of {@link runOutage}. */
export interface OutageOptions {
  readonly server: ServeProcess;
  readonly ledger: Ledger;
  readonly fault: Fault;
  readonly markerPrefix: string;
  readonly random: Random;
  /**
   * Outcomes allowed, besides 503 UNAVAILABLE, for a request sent and answered during the
   * fault: a refusal writes nothing, so SQLite can still give it; a full disk still takes the
   * writes that fit in pages SQLite's files already hold.
   */
  readonly alsoDuring: readonly Outcome[];
  /** Requests to see answered during the fault (default 24). */
  readonly duringMin?: number;
  /** Client timeout of each request (default 20 s); a request that outlives it fails the test. */
  readonly timeoutMs?: number;
}

/** The figures of one outage. */
export type OutageFigures = Record<string, number>;

const lanes = 8;

function statusOf(answer: Answer): number | 'lost' {
  return answer.kind === 'answered' ? answer.status : 'lost';
}

/**
 * Runs traffic in 8 lanes, injects the fault after 30 answers, waits for `duringMin` requests
 * sent during it (one of them answered 503) while running `whileBroken`, repairs it, waits for /health 200 and 30 successes sent
 * after that, then checks every answer: none is a 500 or lost (no hang); those sent and
 * answered during the fault are 503 UNAVAILABLE with Retry-After and the error body (or an
 * outcome of `alsoDuring`), at least one is; those sent after recovery are successes or
 * refusals. Finally reconciles the ledger (see ledger-reconcile.ts) and retries the requests
 * whose outcome the fault made unknown.
 */
export async function runOutage(options: OutageOptions): Promise<OutageFigures> {
  const { server, ledger, fault } = options;
  const live: Attempt[] = [];
  let done = false;
  let downFrom = Number.POSITIVE_INFINITY;
  let upFrom = Number.POSITIVE_INFINITY;
  let recoveredAt = Number.POSITIVE_INFINITY;
  const traffic = driveTraffic({
    lanes,
    token: ledger.token,
    model: ledger.model,
    plan: {
      wallets: ledger.wallets,
      hotWallets: 2,
      random: options.random,
      markerPrefix: options.markerPrefix,
    },
    url: () => server.url,
    stop: () => done,
    onAttempt: (attempt) => live.push(attempt),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  try {
    await waitUntil(() => live.length >= 30, { what: 'traffic flows before the fault' });
    await fault.inject();
    downFrom = Date.now();
    const duringMin = options.duringMin ?? 24;
    const sentDuring = () => live.filter((a) => a.sentAt! >= downFrom);
    await Promise.all([
      fault.whileBroken?.(),
      waitUntil(
        () => sentDuring().length >= duringMin && sentDuring().some((a) => isUnavailable(a.answer)),
        { what: `${duringMin} requests answered during ${fault.name}, one of them 503` },
      ),
    ]);
    upFrom = Date.now();
    await fault.repair();
    await waitUntil(
      async () => statusOf(await send(server.url, 'GET', '/health', { timeoutMs: 5000 })) === 200,
      { what: `/health answers 200 after ${fault.name}` },
    );
    recoveredAt = Date.now();
    await waitUntil(
      () =>
        live.filter(
          (a) => a.sentAt! >= recoveredAt && outcomeOf(a.operation, a.answer) === 'success',
        ).length >= 30,
      { what: `30 successes after ${fault.name}` },
    );
  } finally {
    done = true;
  }
  const attempts = await traffic;
  const during = attempts.filter((a) => a.sentAt! >= downFrom && a.answeredAt! < upFrom);
  const after = attempts.filter((a) => a.sentAt! >= recoveredAt);
  const statuses = attempts.map((a) => statusOf(a.answer));
  expect(statuses.filter((status) => status === 'lost' || status === 500)).toEqual([]);
  for (const attempt of during) {
    if (!options.alsoDuring.includes(outcomeOf(attempt.operation, attempt.answer))) {
      expectErrorAnswer(attempt.answer, 503, 'UNAVAILABLE');
    }
  }
  expect(
    during.filter((a) => isUnavailable(a.answer)).length,
    `503s during ${fault.name}`,
  ).toBeGreaterThan(0);
  for (const attempt of after) {
    expect(['success', 'refused'], JSON.stringify(attempt.answer)).toContain(
      outcomeOf(attempt.operation, attempt.answer),
    );
  }
  const reconciliation = await reconcile({ url: server.url, ...ledger, attempts });
  const retried = await retryUnknown({ url: server.url, ...ledger, attempts, reconciliation });
  await expectBalances({ url: server.url, ...ledger });
  return {
    faultsInjected: 1,
    requests: attempts.length,
    sentDuringFault: attempts.filter((a) => a.sentAt! >= downFrom && a.sentAt! < upFrom).length,
    unavailable503: attempts.filter((a) => isUnavailable(a.answer)).length,
    acknowledged: attempts.filter((a) => outcomeOf(a.operation, a.answer) === 'success').length,
    committedUnacknowledged: reconciliation.committed,
    retried,
    recoveryMs: recoveredAt - upFrom,
  };
}

/**
 * Asserts, with three requests at once, that /health answers 503 `{"status": "unhealthy",
 * "database": "unavailable", ...}` and that a read and a login answer 503 UNAVAILABLE with the
 * error body while the database is away.
 */
export async function expectUnavailableEverywhere(
  server: ServeProcess,
  ledger: Ledger,
): Promise<void> {
  const [health, read, login] = await Promise.all([
    send(server.url, 'GET', '/health'),
    send(server.url, 'GET', `/api/v1/wallets/${ledger.wallets[0]}`, { token: ledger.token }),
    send(server.url, 'POST', '/api/v1/auth/login', {
      body: { email: ledger.email, password: ledger.password },
    }),
  ]);
  expect([statusOf(health!), health!.kind === 'answered' && health!.body]).toEqual([
    503,
    { status: 'unhealthy', database: 'unavailable', version: expect.any(String) },
  ]);
  expectErrorAnswer(read!, 503, 'UNAVAILABLE');
  expectErrorAnswer(login!, 503, 'UNAVAILABLE');
}
