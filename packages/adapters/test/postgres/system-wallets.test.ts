// Proves the store side of default SYSTEM wallets brought as candidates by a posting
// (PostTransfersCommand.systemWallets): the first posting creates its candidate in the same
// transaction, a later one with another candidate uses the existing wallet (results carry the
// real id), a rejected posting creates none, racing first postings create exactly one, and a
// batch remaps every plan naming a replaced candidate. Calls the store directly, through both
// the one-transfer and the batch functions.
import type { TransferPlan, WalletRecord } from '@vaultcraft/core';
import { createVault } from '@vaultcraft/core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { PostgresStore } from '../../src/postgres.js';
import { openTestStore } from '../postgres-test-database.js';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

async function fixture() {
  const opened = await openTestStore(inject('postgresUrl'));
  dispose = opened.dispose;
  const vault = createVault({ store: opened.store });
  const organization = await vault.organizations.create({ name: 'Systems' });
  const acme = vault.organization(organization.id);
  const now = new Date('2026-01-01T00:00:00.000Z');
  const customer = async (ownerId: string) =>
    (await acme.wallets.create({ name: ownerId, walletType: 'PRIMARY', currency: 'EUR', ownerId }))
      .id;
  const candidate = (): WalletRecord => ({
    id: crypto.randomUUID(),
    organizationId: organization.id,
    ownerId: organization.id,
    name: 'System EUR',
    walletType: 'SYSTEM',
    currency: 'EUR',
    status: 'ACTIVE',
    balance: 0n,
    held: 0n,
    metadata: {},
    createdAt: now,
    updatedAt: now,
  });
  const deposit = (system: string, walletId: string, amount = 250n): TransferPlan => ({
    id: crypto.randomUUID(),
    transactionType: 'DEPOSIT',
    amount,
    currency: 'EUR',
    fromWalletId: system,
    toWalletId: walletId,
    description: null,
    metadata: {},
    hold: false,
    expiresAt: null,
    entryIds: [crypto.randomUUID(), crypto.randomUUID()],
  });
  const post = (transfers: TransferPlan[], systemWallets: WalletRecord[]) =>
    opened.store.postTransfers({ organizationId: organization.id, now, transfers, systemWallets });
  const systems = async () => (await acme.wallets.list({ walletType: 'SYSTEM' })).items;
  return {
    store: opened.store as PostgresStore,
    acme,
    customer,
    candidate,
    deposit,
    post,
    systems,
  };
}

describe('default SYSTEM wallets brought by a posting', () => {
  it('creates the first candidate and reads later candidates as the existing wallet', async () => {
    const { customer, candidate, deposit, post, systems } = await fixture();
    const alice = await customer('alice');
    const first = candidate();
    const created = await post([deposit(first.id, alice)], [first]);
    expect(created.value[0]!.fromWalletId).toBe(first.id);
    const second = candidate();
    const reused = await post([deposit(second.id, alice)], [second]);
    expect(reused.value[0]!.fromWalletId).toBe(first.id);
    expect(reused.value[0]!.entries[0]!.walletId).toBe(first.id);
    expect((await systems()).map((wallet) => [wallet.id, wallet.balance])).toEqual([
      [first.id, '-5.00'],
    ]);
  });

  it('creates no SYSTEM wallet when the posting is rejected', async () => {
    const { acme, customer, candidate, deposit, post, systems } = await fixture();
    const frozen = await customer('frozen');
    await acme.wallets.freeze(frozen);
    const rejected = candidate();
    await expect(post([deposit(rejected.id, frozen)], [rejected])).rejects.toMatchObject({
      code: 'WALLET_FROZEN',
    });
    expect(await systems()).toEqual([]);
  });

  it('creates exactly one under racing first postings, through both functions', async () => {
    const { customer, candidate, deposit, post, systems } = await fixture();
    const wallets = await Promise.all(Array.from({ length: 12 }, (_, i) => customer(`racer-${i}`)));
    const results = await Promise.all(
      wallets.map((wallet, i) => {
        const mine = candidate();
        // Even callers post one deposit, odd callers a batch of two naming the candidate twice.
        const plans =
          i % 2 === 0
            ? [deposit(mine.id, wallet)]
            : [deposit(mine.id, wallet), deposit(mine.id, wallet, 50n)];
        return post(plans, [mine]);
      }),
    );
    const found = await systems();
    expect(found).toHaveLength(1);
    const used = new Set(results.flatMap((written) => written.value.map((t) => t.fromWalletId)));
    expect([...used]).toEqual([found[0]!.id]);
    expect(found[0]!.balance).toBe('-33.00');
  });
});
