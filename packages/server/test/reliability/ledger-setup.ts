// Starting point and final word of each reliability scenario: an organization with funded
// wallets that the model knows about, and `vaultcraft verify` run as a separate process on the
// database that the servers used.
import { expect } from 'vitest';
import { processJwtSecret, runCli, type ServeProcess } from '../process/cli-process.js';
import { api, mapLimit, signupOwner } from '../process/http-api.js';
import { LedgerModel } from './ledger-model.js';

/** An organization with funded USD wallets, and the model of its ledger. */
export interface Ledger {
  readonly token: string;
  /** The owner's login. */
  readonly email: string;
  readonly password: string;
  readonly wallets: readonly string[];
  readonly model: LedgerModel;
}

/**
 * Signs up an organization on `url` and creates `wallets` PRIMARY USD wallets, each funded
 * with `deposit` (deposits marked `<prefix>-fund-<n>`), recorded in a new model.
 */
export async function openLedger(
  url: string,
  options: { wallets: number; deposit: string; prefix: string },
): Promise<Ledger> {
  const { token, email, password } = await signupOwner(url);
  const model = new LedgerModel();
  const indexes = Array.from({ length: options.wallets }, (_, index) => index);
  const wallets = await mapLimit(indexes, 4, async (index) => {
    const created = await api(url, 'POST', '/api/v1/wallets', {
      token,
      body: {
        name: `wallet ${index}`,
        wallet_type: 'PRIMARY',
        currency: 'USD',
        owner_id: `${options.prefix}-owner-${index}`,
      },
    });
    expect(created.status, created.text).toBe(201);
    const marker = `${options.prefix}-fund-${index}`;
    const deposited = await api(url, 'POST', '/api/v1/transactions/deposit', {
      token,
      body: { wallet_id: created.body.id, amount: options.deposit, metadata: { marker } },
      headers: { 'idempotency-key': marker },
    });
    expect(deposited.status, deposited.text).toBe(201);
    model.record(deposited.body);
    return created.body.id as string;
  });
  return { token, email, password, wallets, model };
}

/**
 * Runs `vaultcraft verify` on `databaseUrl` in a new process and asserts that it exits 0 and
 * reports OK; resolves to its summary line.
 */
export async function verifyLedger(options: { cwd: string; databaseUrl: string }): Promise<string> {
  const verify = await runCli(['verify'], {
    cwd: options.cwd,
    env: { DATABASE_URL: options.databaseUrl, VAULTCRAFT_JWT_SECRET: processJwtSecret },
    timeoutMs: 120_000,
  });
  expect(verify.code, `${verify.stdout}\n${verify.stderr}`).toBe(0);
  expect(verify.stdout).toContain('vaultcraft verify: OK');
  return verify.stdout.trim().split('\n').at(-1) ?? '';
}

/**
 * Kills (SIGKILL) those of `servers` still running and waits until they are gone: a test's own
 * cleanup, which, unlike killAllChildren, leaves the servers of concurrent tests alone.
 */
export async function killServers(servers: readonly ServeProcess[]): Promise<void> {
  await Promise.all(
    servers.map((server) => {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
      }
      return server.exited.catch(() => undefined);
    }),
  );
}
