// Proves balances now (posted and available) and as of an instant (the sum of the entries at or
// before it, inclusive), also when the clock steps backwards between writes, and that the
// statement lists entries newest first with a consistent running balance, by moving a test clock.
import { describe, expect, it } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import type { Entry } from '../../engine/types.js';
import { expectValidationError } from './expectations.js';
import { collectPages, createWallet, fundedWallet, type Harness, minor } from './harness.js';

/** Every entry of a wallet, newest first, checked for order and running balance. */
async function checkedStatement(organization: OrganizationScope, walletId: string) {
  const entries = await collectPages((cursor) =>
    organization.wallets.entries(
      walletId,
      cursor === undefined ? { pageSize: 3 } : { pageSize: 3, cursor },
    ),
  );
  for (const [index, entry] of entries.entries()) {
    expect(entry.walletId).toBe(walletId);
    const older = entries[index + 1];
    const before = older === undefined ? 0n : minor(older.balanceAfter);
    const signed = entry.direction === 'CREDIT' ? minor(entry.amount) : -minor(entry.amount);
    expect(minor(entry.balanceAfter), `entry ${index} continues the running sum`).toBe(
      before + signed,
    );
    if (older !== undefined) {
      expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(older.createdAt.getTime());
    }
  }
  const wallet = await organization.wallets.retrieve(walletId);
  expect(entries[0]?.balanceAfter ?? '0.00').toBe(wallet.balance);
  return entries;
}

/** The posted balance at `instant` computed from the statement (entries are newest first). */
function balanceFromStatement(entries: readonly Entry[], instant: Date): string {
  const last = entries.find((entry) => entry.createdAt.getTime() <= instant.getTime());
  return last?.balanceAfter ?? '0.00';
}

export function describeBalances(harness: Harness): void {
  describe('balances and statements', () => {
    it('answers the balance now, posted and available', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '100.00');
      const bob = await createWallet(acme);
      await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '30.00',
        hold: true,
      });
      time.advance(5);
      expect(await acme.wallets.balance(alice.id)).toEqual({
        walletId: alice.id,
        currency: 'USD',
        balance: '100.00',
        availableBalance: '70.00',
        asOf: time.now(),
      });
      expect(await acme.wallets.balance(bob.id)).toMatchObject({
        balance: '0.00',
        availableBalance: '0.00',
      });
    });

    it('answers the posted balance as of an instant, inclusive of that instant', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const created = time.now();
      const alice = await createWallet(acme);
      const t1 = time.advance(1_000);
      await acme.transactions.deposit({ walletId: alice.id, amount: '10.00' });
      const t2 = time.advance(1_000);
      await acme.transactions.deposit({ walletId: alice.id, amount: '5.00' });
      const t3 = time.advance(1_000);
      await acme.transactions.withdraw({ walletId: alice.id, amount: '3.00' });
      const bob = await createWallet(acme);
      await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '2.00',
        hold: true,
      });
      time.advance(1_000);
      const at = async (instant: Date | string) => {
        const balance = await acme.wallets.balance(alice.id, { asOf: instant });
        expect(balance.availableBalance).toBeNull();
        expect(balance.asOf).toEqual(new Date(instant));
        expect(balance.currency).toBe('USD');
        return balance.balance;
      };
      const ms = (instant: Date, delta: number) => new Date(instant.getTime() + delta);
      expect(await at(ms(created, -60_000))).toBe('0.00');
      expect(await at(created)).toBe('0.00');
      expect(await at(ms(t1, -1))).toBe('0.00');
      expect(await at(t1)).toBe('10.00');
      expect(await at(ms(t2, -1))).toBe('10.00');
      expect(await at(t2.toISOString())).toBe('15.00');
      expect(await at(ms(t3, -1))).toBe('15.00');
      expect(await at(t3)).toBe('12.00');
      expect(await at(time.now()), 'holds do not change the posted balance').toBe('12.00');
      expect((await acme.wallets.retrieve(alice.id)).availableBalance).toBe('10.00');
      await expectValidationError(acme.wallets.balance(alice.id, { asOf: ms(time.now(), 1) }), [
        'options.asOf',
      ]);
    });

    it('counts a captured hold from the instant of its capture', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '10.00');
      const bob = await createWallet(acme);
      const held = time.advance(1_000);
      const hold = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '4.00',
        hold: true,
      });
      const captured = time.advance(1_000);
      await acme.transactions.capture(hold.id, { amount: '3.00' });
      time.advance(1_000);
      const at = async (walletId: string, instant: Date) =>
        (await acme.wallets.balance(walletId, { asOf: instant })).balance;
      expect(await at(alice.id, held)).toBe('10.00');
      expect(await at(bob.id, held)).toBe('0.00');
      expect(await at(alice.id, new Date(captured.getTime() - 1))).toBe('10.00');
      expect(await at(alice.id, captured)).toBe('7.00');
      expect(await at(bob.id, captured)).toBe('3.00');
    });

    it('keeps entry times non-decreasing and as-of balances consistent when the clock goes back', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const alice = await createWallet(acme);
      const bob = await createWallet(acme);
      const start = time.now();
      time.advance(10_000);
      await acme.transactions.deposit({ walletId: alice.id, amount: '10.00' });
      const latest = time.now();
      time.advance(-5_000);
      const late = await acme.transactions.deposit({ walletId: alice.id, amount: '5.00' });
      expect(late.createdAt.getTime()).toBeGreaterThanOrEqual(latest.getTime());
      for (const entry of late.entries) expect(entry.createdAt).toEqual(late.createdAt);
      time.advance(-3_000);
      await acme.transactions.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount: '3' });
      time.advance(1_000);
      await acme.transactions.transfer({ fromWalletId: bob.id, toWalletId: alice.id, amount: '1' });
      time.set(new Date(latest.getTime() + 60_000));
      await acme.transactions.deposit({ walletId: bob.id, amount: '0.50' });
      const statements = {
        alice: await checkedStatement(acme, alice.id),
        bob: await checkedStatement(acme, bob.id),
      };
      expect(statements.alice).toHaveLength(4);
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('13.00');
      expect((await acme.wallets.retrieve(bob.id)).balance).toBe('2.50');
      for (const [name, wallet] of [
        ['alice', alice],
        ['bob', bob],
      ] as const) {
        const entries = statements[name];
        const probes = [start, latest, time.now()];
        for (const entry of entries) {
          probes.push(entry.createdAt, new Date(entry.createdAt.getTime() - 1));
        }
        for (const probe of probes) {
          const { balance } = await acme.wallets.balance(wallet.id, { asOf: probe });
          expect(balance, `${name} as of ${probe.toISOString()}`).toBe(
            balanceFromStatement(entries, probe),
          );
        }
      }
    });

    it('lists a wallet statement newest first with a running balance', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const alice = await createWallet(acme);
      const bob = await createWallet(acme);
      const moves: [string, () => Promise<unknown>][] = [
        ['+25.00', () => acme.transactions.deposit({ walletId: alice.id, amount: '25.00' })],
        [
          '-7.35',
          () =>
            acme.transactions.transfer({
              fromWalletId: alice.id,
              toWalletId: bob.id,
              amount: '7.35',
            }),
        ],
        [
          '+0.35',
          () =>
            acme.transactions.transfer({
              fromWalletId: bob.id,
              toWalletId: alice.id,
              amount: '0.35',
            }),
        ],
        ['-10.00', () => acme.transactions.withdraw({ walletId: alice.id, amount: '10.00' })],
        ['+0.01', () => acme.transactions.deposit({ walletId: alice.id, amount: '0.01' })],
      ];
      for (const [index, [, move]] of moves.entries()) {
        if (index % 2 === 0) time.advance(1);
        await move();
      }
      const entries = await checkedStatement(acme, alice.id);
      const signed = entries.map((e) => `${e.direction === 'CREDIT' ? '+' : '-'}${e.amount}`);
      expect(signed).toEqual(moves.map(([label]) => label).reverse());
      expect(entries.map((e) => e.balanceAfter)).toEqual([
        '8.01',
        '8.00',
        '18.00',
        '17.65',
        '25.00',
      ]);
      const page = await acme.wallets.entries(alice.id, { pageSize: 2, page: 2 });
      expect(page).toMatchObject({ total: 5, pages: 3, page: 2, pageSize: 2 });
      expect(page.items).toEqual(entries.slice(2, 4));
      const transactions = await acme.wallets.transactions(alice.id, { pageSize: 100 });
      const transactionIds = new Set(transactions.items.map((t) => t.id));
      for (const entry of entries) expect(transactionIds.has(entry.transactionId)).toBe(true);
      expect(transactions.total).toBe(5);
    });
  });
}
