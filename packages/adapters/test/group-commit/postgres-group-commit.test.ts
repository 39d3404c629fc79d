// Proves group commit on the PostgreSQL store with the shared suite (group-commit-suite.ts), on
// a fresh database per test, counting groups by spying on the statement that commits a group;
// and that groups of two stores (as two processes) crossing each other and a store writing one
// by one, on the same wallets, never deadlock: every transfer succeeds and the money adds up;
// and that groups of three stores meeting expired holds sweep them first, so that no move loses
// a lock race (none is sent again on its own) and every acknowledged transfer is stored.
import { createVault } from '@vaultcraft/core';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { PostgresTransferGroups } from '../../src/postgres/postgres-transfer-groups.js';
import { openPostgresStore } from '../../src/postgres.js';
import { createTestDatabase } from '../postgres-test-database.js';
import { describeGroupCommit } from './group-commit-suite.js';

const commit = vi.spyOn(
  PostgresTransferGroups.prototype as unknown as { commit(calls: unknown[]): unknown },
  'commit',
);
afterAll(() => commit.mockRestore());

describeGroupCommit({
  name: 'PostgreSQL',
  keyedWritesArriveTogether: false,
  groupsCommitted: () => commit.mock.calls.length,
  async open(groupCommit = {}) {
    const database = await createTestDatabase(inject('postgresUrl'));
    const store = await openPostgresStore({ url: database.url, migrate: false, groupCommit });
    return {
      store,
      reopen: () => openPostgresStore({ url: database.url, migrate: false }),
      async dispose() {
        await store.close();
        await database.drop();
      },
    };
  },
});

describe('group commit on PostgreSQL: several stores on one database', () => {
  it('orders locks so that crossing groups of two stores and a one-by-one store never deadlock', {
    timeout: 120_000,
  }, async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    const stores = await Promise.all([
      openPostgresStore({ url: database.url, migrate: false }),
      openPostgresStore({ url: database.url, migrate: false }),
      openPostgresStore({ url: database.url, migrate: false, groupCommit: false }),
    ]);
    try {
      const first = createVault({ store: stores[0]! });
      const organization = await first.organizations.create({ name: 'Crossing' });
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const scope = first.organization(organization.id);
        const wallet = await scope.wallets.create({
          name: `w${i}`,
          walletType: 'PRIMARY',
          currency: 'USD',
          ownerId: `w${i}`,
        });
        await scope.transactions.deposit({ walletId: wallet.id, amount: '1000.00' });
        ids.push(wallet.id);
      }
      // Each store moves money around the ring in both directions at once: groups of one
      // store lock wallets that groups of the other, and single writes, want in turn.
      const rounds = 4;
      const perRound = 60;
      for (let round = 0; round < rounds; round += 1) {
        const calls = stores.flatMap((store, s) => {
          const scope = createVault({ store }).organization(organization.id);
          return Array.from({ length: perRound }, (_, i) => {
            const from = ids[(i + s + round) % ids.length]!;
            const to = ids[(i * 5 + s + 1 + round) % ids.length]!;
            return from === to
              ? null
              : scope.transactions.transfer({ fromWalletId: from, toWalletId: to, amount: '0.01' });
          }).filter((call) => call !== null);
        });
        const settled = await Promise.allSettled(calls);
        expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);
      }
      const scope = first.organization(organization.id);
      let total = 0n;
      for (const id of ids) {
        total += BigInt((await scope.wallets.balance(id)).balance.replace('.', ''));
      }
      expect(total).toBe(600_000n);
      const report = await first.verify();
      expect(report.violations).toEqual([]);
      expect(report.checked.transactions).toBeGreaterThan(6 + rounds * 3 * 40);
    } finally {
      for (const store of stores) await store.close();
      await database.drop();
    }
  });
});

describe('group commit on PostgreSQL: expired holds', () => {
  it('sweeps expired holds before locking the group wallets, so no move loses a lock race', {
    timeout: 120_000,
  }, async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = () => new Date(now);
    const stores = await Promise.all(
      [0, 1, 2].map(() => openPostgresStore({ url: database.url, migrate: false })),
    );
    const single = vi.spyOn(
      PostgresTransferGroups.prototype as unknown as { retryAlone(values: unknown[]): unknown },
      'retryAlone',
    );
    try {
      const vaults = stores.map((store) => createVault({ store, clock }));
      const organization = await vaults[0]!.organizations.create({ name: 'Holds' });
      const acme = vaults[0]!.organization(organization.id);
      const ids: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        const wallet = await acme.wallets.create({
          name: `w${i}`,
          walletType: 'PRIMARY',
          currency: 'USD',
          ownerId: `w${i}`,
        });
        await acme.transactions.deposit({ walletId: wallet.id, amount: '1000.00' });
        ids.push(wallet.id);
      }
      let acknowledged = 0;
      for (let round = 0; round < 3; round += 1) {
        // Holds that expire before the burst: every group of every store must sweep them.
        for (let h = 0; h < 3; h += 1) {
          await acme.transactions.transfer({
            fromWalletId: ids[(h * 5 + round) % 12]!,
            toWalletId: ids[(h * 5 + round + 1) % 12]!,
            amount: '0.50',
            hold: true,
            expiresAt: new Date(now + 1000),
          });
        }
        now += 5000;
        single.mockClear();
        const calls = vaults.flatMap((vault, s) => {
          const scope = vault.organization(organization.id);
          return Array.from({ length: 40 }, (_, i) => {
            const from = ids[s * 4 + (i % 4)]!;
            const to = ids[s * 4 + ((i + 1 + (i >> 2)) % 4)]!;
            return from === to
              ? null
              : scope.transactions.transfer({ fromWalletId: from, toWalletId: to, amount: '0.01' });
          }).filter((call) => call !== null);
        });
        const settled = await Promise.allSettled(calls);
        expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);
        acknowledged += settled.length;
        // No move was sent again on its own: none lost a lock race inside a group.
        expect(single).not.toHaveBeenCalled();
      }
      const transfers = await acme.transactions.list({
        transactionType: 'TRANSFER',
        status: 'COMPLETED',
      });
      expect(transfers.total).toBe(acknowledged);
      const held = await acme.transactions.list({ status: 'PENDING' });
      expect(held.total).toBe(0);
      expect((await vaults[0]!.verify()).violations).toEqual([]);
    } finally {
      single.mockRestore();
      for (const store of stores) await store.close();
      await database.drop();
    }
  });
});
