// A small ledger built through the engine, with every kind of row verification reads (deposits,
// a transfer under an idempotency key, two reversals of it, an open hold, a voided hold, a
// second organization), and the ids the corruption cases tamper with and expect to be named.
import type { LedgerStore, Vault } from '@vaultcraft/core';

/** The rows of the ledger built by {@link buildVerifyLedger}. Balances are in cents. */
export interface VerifyLedger {
  readonly organizationId: string;
  /** A second organization with its own money: it must never be named by a violation. */
  readonly otherOrganizationId: string;
  readonly systemId: string;
  /** Final balances: alice 10000 (held 500), bob 4500, carol 500, SYSTEM -15000. */
  readonly alice: string;
  readonly bob: string;
  readonly carol: string;
  /** alice -> bob 30.00 under {@link transferKey}, reversed by 10.00 (reversal1) then 20.00 (reversal2). */
  readonly transfer: string;
  readonly reversal1: string;
  readonly reversal2: string;
  /** bob -> carol 5.00. */
  readonly transfer2: string;
  /** alice -> carol 5.00, PENDING. */
  readonly hold: string;
  readonly voided: string;
  readonly transferKey: string;
  /** The id of a wallet's entry by sequence: `entry(bob, 3)`. */
  entry(walletId: string, sequence: number): string;
}

/**
 * Builds the ledger. Entries, per wallet in sequence order:
 * - SYSTEM: deposit to alice (debit 10000, -10000), deposit to bob (debit 5000, -15000)
 * - alice: deposit (credit 10000, 10000), transfer (debit 3000, 7000), reversal1 (credit 1000,
 *   8000), reversal2 (credit 2000, 10000)
 * - bob: deposit (credit 5000, 5000), transfer (credit 3000, 8000), reversal1 (debit 1000,
 *   7000), transfer2 (debit 500, 6500), reversal2 (debit 2000, 4500)
 * - carol: transfer2 (credit 500, 500)
 */
export async function buildVerifyLedger(vault: Vault, store: LedgerStore): Promise<VerifyLedger> {
  const organization = await vault.organizations.create({ name: 'Verify' });
  const acme = vault.organization(organization.id);
  const wallet = (ownerId: string, walletType: 'PRIMARY' | 'BONUS') =>
    acme.wallets.create({ name: ownerId, walletType, currency: 'USD', ownerId });
  const alice = (await wallet('alice', 'PRIMARY')).id;
  const bob = (await wallet('bob', 'PRIMARY')).id;
  const carol = (await wallet('carol', 'BONUS')).id;
  const deposit = await acme.transactions.deposit({ walletId: alice, amount: '100.00' });
  await acme.transactions.deposit({ walletId: bob, amount: '50.00' });
  const transferKey = 'transfer-1';
  const transfer = await acme.transactions.transfer(
    { fromWalletId: alice, toWalletId: bob, amount: '30.00' },
    { idempotencyKey: transferKey },
  );
  const reversal1 = await acme.transactions.reverse(transfer.id, { amount: '10.00' });
  const hold = await acme.transactions.transfer({
    fromWalletId: alice,
    toWalletId: carol,
    amount: '5.00',
    hold: true,
  });
  const voided = await acme.transactions.transfer({
    fromWalletId: alice,
    toWalletId: carol,
    amount: '2.00',
    hold: true,
  });
  await acme.transactions.void(voided.id);
  const transfer2 = await acme.transactions.transfer({
    fromWalletId: bob,
    toWalletId: carol,
    amount: '5.00',
  });
  const reversal2 = await acme.transactions.reverse(transfer.id);

  const other = await vault.organizations.create({ name: 'Other' });
  const globex = vault.organization(other.id);
  const dave = await globex.wallets.create({
    name: 'dave',
    walletType: 'PRIMARY',
    currency: 'USD',
    ownerId: 'dave',
  });
  await globex.transactions.deposit({ walletId: dave.id, amount: '7.00' });

  const entries = new Map<string, string>();
  const systemId = deposit.fromWalletId;
  for (const walletId of [systemId, alice, bob, carol]) {
    for await (const entry of store.scanEntries(organization.id, walletId)) {
      entries.set(`${walletId}/${entry.sequence}`, entry.id);
    }
  }
  return {
    organizationId: organization.id,
    otherOrganizationId: other.id,
    systemId,
    alice,
    bob,
    carol,
    transfer: transfer.id,
    reversal1: reversal1.id,
    reversal2: reversal2.id,
    transfer2: transfer2.id,
    hold: hold.id,
    voided: voided.id,
    transferKey,
    entry(walletId, sequence) {
      const id = entries.get(`${walletId}/${sequence}`);
      if (id === undefined) throw new Error(`no entry ${sequence} on wallet ${walletId}`);
      return id;
    },
  };
}
