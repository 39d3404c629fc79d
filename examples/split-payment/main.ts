// A split payment: a customer of a music marketplace pays, and the money is split among several
// parties by ratios, exactly (no cent created or lost), and posted as one atomic batch. A batch
// with one failing transfer writes nothing at all. Run it with
// `pnpm --filter @vaultcraft/example-split-payment start` after `pnpm build`.
//
// It runs on the in-memory store: allocation is plain arithmetic in @vaultcraft/core, and the
// all-or-nothing batch is part of the store contract that every store (memory, SQLite,
// PostgreSQL) passes in the same conformance suite. Swap `createMemoryStore()` for
// `await openSqliteStore({ path })` from `@vaultcraft/adapters/sqlite` to keep the ledger on disk.
import {
  createMemoryStore,
  createVault,
  isVaultError,
  Money,
  type Transaction,
  type Wallet,
} from '@vaultcraft/core';
import { paySplit, type Share, splitAmount, sum } from './pay-split.js';

const vault = createVault({ store: createMemoryStore() });
const organization = await vault.organizations.create({ name: 'Tunes' });
const tunes = vault.organization(organization.id);

const wallet = (ownerId: string, name: string, walletType: 'PRIMARY' | 'SYSTEM' = 'PRIMARY') =>
  tunes.wallets.create({ name, walletType, currency: 'USD', ownerId });
const cleo = await wallet('cleo', 'Cleo');
const ana = await wallet('ana', 'Ana');
const bo = await wallet('bo', 'Bo');
const cy = await wallet('cy', 'Cy');
const label = await wallet('northern-records', 'Northern Records');
// The platform's revenue is an extra SYSTEM wallet (the default one is where deposits come from).
const platform = await wallet('tunes', 'Tunes fees', 'SYSTEM');
const parties = [ana, bo, cy, label, platform];
const names = new Map<string, string>([cleo, ...parties].map((w) => [w.id, w.name]));

const topUp = '120.00';
await tunes.transactions.deposit({ walletId: cleo.id, amount: topUp });

// 1. Allocation alone. Three equal thirds of 100.00 cannot all be 33.33 (that is 99.99): the
// leftover cent goes to the first part, and the parts add up to the total.
const trio: Share[] = [ana, bo, cy].map((artist) => ({ wallet: artist, ratio: '1' }));
showSplit('100.00', trio);
// A part may round to zero; pay-split.ts posts no transfer for it.
showSplit('0.01', trio);

// 2. Order 1: Cleo buys the trio's album for 100.00, shared equally, in one batch.
const album = await paySplit(tunes, { payer: cleo, amount: '100.00', shares: trio, orderId: '1' });
printLegs('Order 1, the album', album);

// 3. Order 2: a single track for 0.99, split by percentages: 70% artist, 20% label, 10%
// platform. The exact shares are 0.693, 0.198 and 0.099; rounded down they make 0.97, and the
// two leftover cents go to the largest remainders (0.198 and 0.099).
const track: Share[] = [
  { wallet: ana, ratio: '70' },
  { wallet: label, ratio: '20' },
  { wallet: platform, ratio: '10' },
];
showSplit('0.99', track);
printLegs(
  'Order 2, a track',
  await paySplit(tunes, { payer: cleo, amount: '0.99', shares: track, orderId: '2' }),
);

// 4. A retry of order 1 (say the response was lost) uses the same order id, hence the same
// idempotency key: it answers the first batch again and pays nothing twice.
const beforeRetry = await snapshot();
const retried = await paySplit(tunes, {
  payer: cleo,
  amount: '100.00',
  shares: trio,
  orderId: '1',
});
const afterRetry = await snapshot();
const same = retried.every((transaction, index) => transaction.id === album[index]?.id);
console.log(
  `Order 1 retried: ${same ? 'the same' : 'OTHER'} ${retried.length} transactions, ` +
    `${afterRetry.transactions - beforeRetry.transactions} new; Cleo still has ${afterRetry.cleo} USD`,
);

// 5. Order 3: 30.00 for the trio, but Cleo has 19.01 left. The first 10.00 would fit; the
// second does not, so the whole batch is rejected and the first transfer is not written either.
const before = await snapshot();
try {
  await paySplit(tunes, { payer: cleo, amount: '30.00', shares: trio, orderId: '3' });
} catch (error) {
  if (!isVaultError(error) || error.code !== 'INSUFFICIENT_FUNDS') throw error;
  console.log(
    `Order 3 rejected: ${error.code} at index ${String(error.details.index)} (the second transfer)`,
  );
}
const after = await snapshot();
console.log(
  `  every balance unchanged: ${before.balances === after.balances}; Cleo still has ` +
    `${after.cleo} USD, Ana ${after.ana} USD; ${after.transactions} transactions, as before`,
);

// 6. Where the money is: what the parties received is exactly what Cleo paid.
const balances = await Promise.all(
  parties.map(async (party) => ({ party, ...(await tunes.wallets.balance(party.id)) })),
);
for (const { party, balance } of balances) {
  console.log(`${party.name.padEnd(16)} ${balance.padStart(6)} USD`);
}
const received = sum(
  balances.map(({ balance }) => Money.parse(balance, 'USD')),
  'USD',
);
const left = (await tunes.wallets.balance(cleo.id)).balance;
const paid = Money.parse(topUp, 'USD').subtract(Money.parse(left, 'USD'));
console.log(`The parties received ${received} USD; Cleo paid ${topUp} - ${left} = ${paid} USD`);

const report = await vault.verify();
console.log(`Ledger invariants hold: ${report.ok}`);
await vault.close();

/** Prints how an amount splits and that the parts add up to it. */
function showSplit(amount: string, shares: readonly Share[]): void {
  const parts = splitAmount(amount, 'USD', shares);
  const ratios = shares.map((share) => share.ratio).join(':');
  console.log(
    `${amount} split ${ratios} -> ${parts.map(String).join(' + ')} = ${sum(parts, 'USD')} USD`,
  );
}

/** Prints the transfers of a posted batch. */
function printLegs(title: string, legs: readonly Transaction[]): void {
  console.log(`${title}: ${legs.length} transfers in one batch`);
  for (const leg of legs) {
    const to = names.get(leg.toWalletId) ?? '?';
    console.log(
      `  ${names.get(leg.fromWalletId)} -> ${to.padEnd(16)} ${leg.amount.padStart(6)} ${leg.status}`,
    );
  }
}

/** Every balance as one string, two of them, and how many transactions exist. */
async function snapshot() {
  const all: Wallet[] = [cleo, ...parties];
  const balances = await Promise.all(
    all.map(async (w) => (await tunes.wallets.balance(w.id)).balance),
  );
  // Page mode counts the rows, so `total` is a number (cursor mode would answer null).
  const { total } = await tunes.transactions.list({ page: 1, pageSize: 1 });
  return {
    balances: balances.join(','),
    cleo: balances[0],
    ana: balances[1],
    transactions: total ?? 0,
  };
}
