// Proves group commit on the PostgreSQL store with the shared suite (group-commit-suite.ts), on
// a fresh database per test, counting groups by spying on the statement that commits a group;
// and that groups of two stores (as two processes) crossing each other and a store writing one
// by one, on the same wallets, never deadlock: every transfer succeeds and the money adds up.
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
