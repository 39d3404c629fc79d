// Proves that two `vaultcraft serve` processes on one PostgreSQL database keep the ledger exact: 400 random transfers among 5 wallets (one hot), split across both servers 16 at a time, never answer 5xx, every acknowledged transaction reads back from the other server, balances equal funding plus the acknowledged moves, none goes negative, each currency sums to zero, and `vaultcraft verify` exits 0; and that one Idempotency-Key raced 10 times across both servers makes one transaction.
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
  runCli,
  type ServeProcess,
  startServe,
} from './cli-process.js';
import { api, fromCents, fundedWallet, mapLimit, signupOwner, toCents } from './http-api.js';

const walletCount = 5;
const transferCount = 400;
const inFlightMax = 16;

// One pair of servers for both tests: starting two takes seconds, and each test works in its
// own organization, which no request of the other can see.
let directory: string;
let database: TestDatabase;
let servers: [ServeProcess, ServeProcess];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'vaultcraft-multi-process-'));
  database = await createTestDatabase(inject('postgresUrl'));
  const env = {
    DATABASE_URL: database.url,
    VAULTCRAFT_JWT_SECRET: processJwtSecret,
    LOG_LEVEL: 'warn',
  };
  // Started together: both run the server's migrations at once on the same database.
  servers = await Promise.all([
    startServe({ cwd: directory, env }),
    startServe({ cwd: directory, env }),
  ]);
});

afterAll(async () => {
  await killAllChildren();
  await database?.drop();
  rmSync(directory, { recursive: true, force: true });
});

/** A deterministic pseudo-random generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

describe('two server processes on one PostgreSQL database', () => {
  it('keeps every balance exact under concurrent transfers through both', async () => {
    const [first, second] = servers;
    const { token } = await signupOwner(first.url);
    const funding = ['500.00', '200.00', '100.00', '50.00', '10.00'];
    const wallets: string[] = [];
    for (const [index, deposit] of funding.entries()) {
      // Alternate servers: the second must see the first's organization and wallets.
      const url = servers[index % 2]!.url;
      wallets.push(await fundedWallet(url, { token, name: `w${index}`, deposit }));
    }
    const expected = new Map(wallets.map((id, index) => [id, toCents(funding[index]!)]));

    // Half the transfers go out of or into wallet 0, the hot one, the rest between random
    // pairs; amounts 0.01..60.00, so that many attempts overdraw and are refused.
    const next = random(20240611);
    const pick = () => Math.floor(next() * walletCount);
    // Any wallet but `wallet`.
    const other = (wallet: number) =>
      (wallet + 1 + Math.floor(next() * (walletCount - 1))) % walletCount;
    const plans = Array.from({ length: transferCount }, (_, index) => {
      const source = pick();
      const [from, to] =
        index % 4 === 0 ? [0, other(0)] : index % 4 === 2 ? [other(0), 0] : [source, other(source)];
      const amount = fromCents(BigInt(1 + Math.floor(next() * 6000)));
      return { from: wallets[from]!, to: wallets[to]!, amount, server: servers[index % 2]! };
    });
    const responses = await mapLimit(plans, inFlightMax, (plan) =>
      api(plan.server.url, 'POST', '/api/v1/transactions/transfer', {
        token,
        body: { from_wallet_id: plan.from, to_wallet_id: plan.to, amount: plan.amount },
      }),
    );

    const acknowledged: { id: string; plan: (typeof plans)[number] }[] = [];
    for (const [index, response] of responses.entries()) {
      const plan = plans[index]!;
      if (response.status === 201) {
        expect(response.body).toMatchObject({ amount: plan.amount, status: 'COMPLETED' });
        acknowledged.push({ id: response.body.id, plan });
        expected.set(plan.from, expected.get(plan.from)! - toCents(plan.amount));
        expected.set(plan.to, expected.get(plan.to)! + toCents(plan.amount));
      } else {
        expect([response.status, response.body?.error?.code], response.text).toEqual([
          400,
          'INSUFFICIENT_FUNDS',
        ]);
      }
    }
    // Both outcomes happened, so the run did exercise contention on the balance checks.
    expect(acknowledged.length).toBeGreaterThan(transferCount / 4);
    expect(acknowledged.length).toBeLessThan(transferCount);

    // Each acknowledged transaction reads back, from the server that did not write it.
    const readBack = await mapLimit(acknowledged, inFlightMax, ({ id, plan }) =>
      api(plan.server === first ? second.url : first.url, 'GET', `/api/v1/transactions/${id}`, {
        token,
      }),
    );
    for (const [index, response] of readBack.entries()) {
      const { plan } = acknowledged[index]!;
      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject({
        from_wallet_id: plan.from,
        to_wallet_id: plan.to,
        amount: plan.amount,
      });
    }

    await expectBalances({ url: second.url, token, expected });
    const verify = await runCli(['verify'], {
      cwd: directory,
      env: { DATABASE_URL: database.url, VAULTCRAFT_JWT_SECRET: processJwtSecret },
    });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('vaultcraft verify: OK');
  });

  it('makes one transaction of one Idempotency-Key raced 10 times across both', async () => {
    const { token } = await signupOwner(servers[0]!.url);
    const from = await fundedWallet(servers[0]!.url, { token, name: 'from', deposit: '100.00' });
    const to = await fundedWallet(servers[1]!.url, { token, name: 'to', deposit: '0.00' });
    const body = { from_wallet_id: from, to_wallet_id: to, amount: '7.77' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        api(servers[index % 2]!.url, 'POST', '/api/v1/transactions/transfer', {
          token,
          body,
          headers: { 'idempotency-key': 'raced-across-processes' },
        }),
      ),
    );
    const ids = new Set<string>();
    for (const response of responses) {
      expect(response.status, response.text).toBe(201);
      ids.add(response.body.id);
    }
    expect(ids.size).toBe(1);
    const replayed = responses.filter((r) => r.headers.get('idempotent-replayed') === 'true');
    expect(replayed).toHaveLength(9);

    const listed = await api(servers[1]!.url, 'GET', `/api/v1/wallets/${to}/transactions`, {
      token,
    });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([...ids]);
    const balance = await api(servers[0]!.url, 'GET', `/api/v1/wallets/${to}/balance`, { token });
    expect(balance.body.balance).toBe('7.77');
  });
});

/**
 * Checks each wallet's balance against `expected` (none negative), and that all wallets of
 * the organization, its SYSTEM wallet included, add up to zero per currency.
 */
async function expectBalances(options: {
  url: string;
  token: string;
  expected: Map<string, bigint>;
}): Promise<void> {
  const { url, token, expected } = options;
  const page = await api(url, 'GET', '/api/v1/wallets?page_size=100', { token });
  expect(page.status).toBe(200);
  const totals = new Map<string, bigint>();
  for (const wallet of page.body.items as {
    id: string;
    currency: string;
    balance: string;
    wallet_type: string;
  }[]) {
    const balance = toCents(wallet.balance);
    totals.set(wallet.currency, (totals.get(wallet.currency) ?? 0n) + balance);
    if (wallet.wallet_type === 'SYSTEM') continue;
    expect(balance, wallet.id).toBeGreaterThanOrEqual(0n);
    expect(balance, wallet.id).toBe(expected.get(wallet.id));
  }
  expect(page.body.items).toHaveLength(expected.size + 1);
  expect(Object.fromEntries(totals)).toEqual({ USD: 0n });
}
