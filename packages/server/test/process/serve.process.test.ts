// Proves `vaultcraft serve` as a real OS process: started in an empty directory it creates ./data/vaultcraft.db and a 0600 development secret it never prints, and answers /health; on SIGTERM or SIGINT sent while requests are in flight (half their body sent) it refuses new connections, answers them 201 once complete, prints "stopped" and exits 0; restarted on the same files it still has the money and accepts the old token.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killAllChildren, type ServeProcess, startServe, waitForOutput } from './cli-process.js';
import { api, fundedWallet, signupOwner, startPartialRequest, tryConnect } from './http-api.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'vaultcraft-serve-process-'));
});

afterEach(async () => {
  await killAllChildren();
  rmSync(directory, { recursive: true, force: true });
});

describe('vaultcraft serve', () => {
  it('starts on ./data/vaultcraft.db with a kept development secret that it never prints', async () => {
    const server = await startServe({ cwd: directory, env: { LOG_LEVEL: 'warn' } });
    const database = join(directory, 'data', 'vaultcraft.db');
    const secretFile = join(directory, 'data', 'jwt-secret');
    expect(existsSync(database)).toBe(true);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);

    const stdout = server.stdout();
    expect(stdout).toContain(`listening on ${server.url}`);
    expect(stdout).toContain(`API docs: ${server.url}/docs`);
    const configuration = JSON.parse(/configuration: (\{.*\})/.exec(stdout)![1]!);
    expect(configuration.database).toBe(`sqlite ${database}`);
    expect(configuration['jwt.secret']).toBe(`(generated, kept in ${secretFile})`);
    expect(server.stderr()).toContain(
      `warning: VAULTCRAFT_JWT_SECRET is not set: generated a development secret into ${secretFile}`,
    );

    const health = await api(server.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'healthy', database: 'ok' });

    server.child.kill('SIGTERM');
    const result = await server.exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('vaultcraft serve: stopped');
    expect(`${result.stdout}\n${result.stderr}`).not.toContain(secret);
  });

  it('finishes in-flight requests on SIGTERM and SIGINT, exits 0, and keeps the data', async () => {
    // No VAULTCRAFT_JWT_SECRET: the restart must find the development secret it kept.
    const env = { LOG_LEVEL: 'info' };
    const first = await startServe({ cwd: directory, env });
    const { token } = await signupOwner(first.url);
    const from = await fundedWallet(first.url, { token, name: 'from', deposit: '1000.00' });
    const to = await fundedWallet(first.url, { token, name: 'to', deposit: '0.00' });

    await stopDuringRequests({ server: first, signal: 'SIGTERM', token, from, to });

    // Same directory, same database file: what the first process acknowledged is there, and
    // its token still works, signed with the secret kept in ./data.
    const second = await startServe({ cwd: directory, env });
    expect(second.stderr()).toContain('using the development secret kept in');
    const balance = await api(second.url, 'GET', `/api/v1/wallets/${to}/balance`, { token });
    expect(balance.status).toBe(200);
    expect(balance.body.balance).toBe('3.50');

    await stopDuringRequests({ server: second, signal: 'SIGINT', token, from, to });
  });
});

// Fastify's log line for a request it has begun to handle.
const incomingTransfer =
  /"url":"\/api\/v1\/transactions\/(batch|transfer)".*"msg":"incoming request"/;

/**
 * Starts a batch of 100 one-cent transfers and a transfer of 2.50, each with half its body
 * sent, so that both are in flight however fast the server is. Once the server has logged
 * both, sends `signal`; checks that the port then refuses new connections while both are
 * still open, that both are answered 201 once their bodies are complete, with their
 * connections closed, and that the process prints "stopped" and exits 0.
 */
async function stopDuringRequests(options: {
  server: ServeProcess;
  signal: NodeJS.Signals;
  token: string;
  from: string;
  to: string;
}): Promise<void> {
  const { server, signal, token, from, to } = options;
  const transfer = { from_wallet_id: from, to_wallet_id: to, amount: '0.01' };
  const inFlight = [
    startPartialRequest(server.url, {
      path: '/api/v1/transactions/batch',
      token,
      body: { transfers: Array.from({ length: 100 }, () => transfer) },
    }),
    startPartialRequest(server.url, {
      path: '/api/v1/transactions/transfer',
      token,
      body: { ...transfer, amount: '2.50' },
    }),
  ];
  await waitForOutput(server, incomingTransfer, inFlight.length);
  server.child.kill(signal);
  await waitForOutput(server, new RegExp(`vaultcraft serve: ${signal} received`));
  expect(await refusedWithin(server.url, 5_000)).toBe(true);

  const [batch, single] = await Promise.all(inFlight.map((request) => request.finish()));
  expect(batch!.status, batch!.text).toBe(201);
  expect(batch!.body.transactions).toHaveLength(100);
  expect(single!.status, single!.text).toBe(201);
  // Keep-alive connections are not left open to hold the process (up to 72 s) after their
  // last response.
  expect(batch!.headers.get('connection')).toBe('close');
  expect(single!.headers.get('connection')).toBe('close');
  const result = await server.exited;
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain('vaultcraft serve: stopped');
}

/**
 * Whether new TCP connections to `url` are refused within `timeoutMs`, trying every 20 ms:
 * the listener closes a few turns of the event loop after the signal is handled.
 */
async function refusedWithin(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await tryConnect(url)) === 'ECONNREFUSED') return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
