// One load run with autocannon against a server process: a fixed number of requests (not a
// duration), so that every request sent has been answered when the run ends and the count of
// 201s can be compared with the rows the server wrote. Latencies are taken from autocannon's
// per-response event (fractional ms) rather than its histogram (whole ms).
//
// Rate and latency are those of the steady state, while every connection is open and busy.
// Node accepts one new connection per turn of its event loop; when a request holds the loop
// (a SQLite commit is synchronous), a turn serves every connection already accepted, so the
// 64 connections autocannon opens at once take seconds before the last is served the first
// time, and those first requests wait that long. The ramp-up and the run-down (connections that
// finished their share) are left out of the figures, not out of the checks.
import autocannon from 'autocannon';
import type { ServerProcess } from './http-server-process.js';
import type { Measurement } from './measure.js';

/** What every connection sends, again and again. */
export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** A fresh JSON body for each request. */
  readonly body?: () => string;
}

/** The outcome of {@link runLoad}. */
export interface LoadResult {
  /** Rate and latencies of the 2xx answers in the steady state; CPU is the server's. */
  readonly measurement: Measurement;
  /** All answers of the run by status code, e.g. `{ "201": 16000 }`. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly non2xx: number;
  /** Answers the first connection got before the last got its first: the ramp-up's cost. */
  readonly rampRequestsPerConnection: number;
  /** False when the run was too short for every connection to be busy at once. */
  readonly steady: boolean;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  readonly server: ServerProcess;
  readonly labels: { store: string; workload: string };
  readonly request: LoadRequest;
  readonly connections: number;
  /** Requests in all, spread evenly over the connections. */
  readonly amount: number;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
}

/** One answer: when it came (ms since the start), its latency (ms), its status. */
type Answer = readonly [at: number, latencyMs: number, status: number];

/** When each answer on one connection came, in ms since the start. */
type ConnectionLog = number[];

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

function sendLoad(
  options: LoadOptions,
  onAnswer: (connection: object, status: number, latencyMs: number) => void,
): Promise<autocannon.Result> {
  const { server, request, connections, amount } = options;
  const body = request.body;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        amount,
        // The run ends at the first sample tick after the last answer: tick often.
        sampleInt: 100,
        timeout: 30,
        headers: {
          ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        requests: [
          {
            method: request.method,
            path: request.path,
            ...(body !== undefined && { setupRequest: (sent) => ({ ...sent, body: body() }) }),
          },
        ],
      },
      (error: unknown, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (connection, status, _bytes, latencyMs) =>
      onAnswer(connection, status, latencyMs),
    );
  });
}

function failures(name: string, result: autocannon.Result): void {
  if (result.errors > 0 || result.timeouts > 0)
    throw new Error(`${name}: ${result.errors} socket errors, ${result.timeouts} timeouts`);
  if (result['5xx'] > 0)
    throw new Error(
      `${name}: ${result['5xx']} answers were 5xx (${JSON.stringify(result.statusCodeStats)})`,
    );
}

/**
 * Sends `amount` requests over `connections` keep-alive connections (one request in flight per
 * connection) and measures the 2xx answers of the steady state.
 *
 * @throws when a socket errors or times out, or any answer is a 5xx: a server that fails under
 *   load fails the run, however fast it was.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const answers: Answer[] = [];
  const logs = new Map<object, ConnectionLog>();
  const cpuBefore = options.server.cpuMicros();
  const started = performance.now();
  const result = await sendLoad(options, (connection, status, latencyMs) => {
    const at = performance.now() - started;
    answers.push([at, latencyMs, status]);
    const log = logs.get(connection);
    if (log === undefined) logs.set(connection, [at]);
    else log.push(at);
  });
  const cpuMicros = options.server.cpuMicros() - cpuBefore;
  failures(`${options.labels.store} ${options.labels.workload}`, result);
  const connectionLogs = [...logs.values()];
  const allBusyAt = Math.max(...connectionLogs.map((log) => log[0]!));
  const firstDoneAt = Math.min(...connectionLogs.map((log) => log.at(-1)!));
  const steady = firstDoneAt > allBusyAt && logs.size === options.connections;
  const [from, to] = steady ? [allBusyAt, firstDoneAt] : [0, answers.at(-1)?.[0] ?? 0];
  const measured = answers.filter(
    ([at, , status]) => at > from && at <= to && status >= 200 && status < 300,
  );
  const sorted = Float64Array.from(measured, ([, latencyMs]) => latencyMs).sort();
  const seconds = (to - from) / 1000;
  const first = connectionLogs.reduce((a, b) => (a[0]! <= b[0]! ? a : b));
  const succeeded = result['2xx'];
  return {
    measurement: {
      ...options.labels,
      operations: sorted.length,
      seconds,
      perSecond: sorted.length / seconds,
      p50Micros: percentile(sorted, 0.5) * 1000,
      p99Micros: percentile(sorted, 0.99) * 1000,
      cpuMicrosPerOperation: succeeded === 0 ? 0 : cpuMicros / succeeded,
    },
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
    ),
    non2xx: result.non2xx,
    rampRequestsPerConnection: first.filter((at) => at < allBusyAt).length,
    steady,
  };
}
