// Marketplace escrow with holds: a buyer's payment is held until the seller ships, captured in
// part (the rest goes back to the buyer), the platform takes its fee, a cancelled order's hold
// is voided, an unclaimed hold expires on its own, and a return is refunded by a reversal.
// Run it with `pnpm --filter @vaultcraft/example-marketplace-escrow start` after `pnpm build`.
//
// The vault gets a hand-driven clock (`createVault({ clock })`), so the example can let two
// days pass in an instant and print the same dates on every run; a real app leaves `clock` out.
// It runs on the in-memory store; every store behaves the same (one conformance suite).
import { createMemoryStore, createVault, isVaultError, Money, type Wallet } from '@vaultcraft/core';
import { captureWithFee, feeRate, refundWithFee } from './escrow.js';

let now = new Date('2026-05-04T10:00:00.000Z');
const hour = 60 * 60 * 1000;
const vault = createVault({ store: createMemoryStore(), clock: () => new Date(now) });
const organization = await vault.organizations.create({ name: 'Bazaar' });
const bazaar = vault.organization(organization.id);

const bea = await bazaar.wallets.create({
  name: 'Bea (buyer)',
  walletType: 'PRIMARY',
  currency: 'USD',
  ownerId: 'bea',
});
const sam = await bazaar.wallets.create({
  name: "Sam's shop",
  walletType: 'PRIMARY',
  currency: 'USD',
  ownerId: 'sam',
});
// The platform's revenue: an extra SYSTEM wallet next to the default one deposits come from.
const fees = await bazaar.wallets.create({
  name: 'Bazaar fees',
  walletType: 'SYSTEM',
  currency: 'USD',
  ownerId: 'bazaar',
});

/** Prints a wallet's posted balance and what is available after its open holds. */
async function show(wallet: Wallet): Promise<void> {
  const { balance, availableBalance } = await bazaar.wallets.balance(wallet.id);
  console.log(
    `  ${wallet.name.padEnd(12)} balance ${balance.padStart(6)}, available ${availableBalance}`,
  );
}

await bazaar.transactions.deposit({ walletId: bea.id, amount: '200.00' });
console.log('Bea tops up 200.00');
await show(bea);

// Order A: two items, 79.90 and 40.10. The payment is held for at most 7 days: Bea's money
// stays in her wallet but she cannot spend it, and nothing is posted yet.
const holdA = await bazaar.transactions.transfer(
  {
    fromWalletId: bea.id,
    toWalletId: sam.id,
    amount: '120.00',
    description: 'Order A',
    hold: true,
    expiresAt: new Date(now.getTime() + 7 * 24 * hour),
  },
  { idempotencyKey: 'hold-A' },
);
console.log(`Order A: hold of ${holdA.amount}, ${holdA.status}, ${holdA.entries.length} entries`);
await show(bea);
await show(sam);

// Sam ships only the 79.90 item: capture that much; the other 40.10 goes back to Bea.
now = new Date(now.getTime() + 26 * hour);
const { capture, fee } = await captureWithFee(bazaar, {
  orderId: 'A',
  holdId: holdA.id,
  amount: '79.90',
  feeWalletId: fees.id,
});
console.log(
  `Order A shipped in part: captured ${capture.amount} of ${capture.heldAmount}, ${capture.status}`,
);
console.log(
  `  platform fee: ${capture.amount} x ${feeRate} = ${fee.amount} (rounded half-even), from Sam to Bazaar fees`,
);
await show(bea);
await show(sam);

// Order B is cancelled before shipping: voiding the hold releases all of it.
const holdB = await bazaar.transactions.transfer(
  {
    fromWalletId: bea.id,
    toWalletId: sam.id,
    amount: '50.00',
    description: 'Order B',
    hold: true,
  },
  { idempotencyKey: 'hold-B' },
);
const heldB = await bazaar.wallets.balance(bea.id);
const voided = await bazaar.transactions.void(holdB.id, { idempotencyKey: 'void-B' });
const freedB = await bazaar.wallets.balance(bea.id);
console.log(
  `Order B cancelled: ${voided.status}; Bea's available ${heldB.availableBalance} -> ${freedB.availableBalance}`,
);

// Order C is never shipped: its hold expires after 48 hours. No job has to run: from that
// instant every call sees it VOIDED and the money available again.
const holdC = await bazaar.transactions.transfer(
  {
    fromWalletId: bea.id,
    toWalletId: sam.id,
    amount: '30.00',
    description: 'Order C',
    hold: true,
    expiresAt: new Date(now.getTime() + 48 * hour),
  },
  { idempotencyKey: 'hold-C' },
);
console.log(`Order C: hold of ${holdC.amount} until ${holdC.expiresAt?.toISOString()}`);
await show(bea);
now = new Date(now.getTime() + 49 * hour);
console.log(
  `49 hours later (${now.toISOString()}): Order C is ${(await bazaar.transactions.retrieve(holdC.id)).status}`,
);
await show(bea);
try {
  await bazaar.transactions.capture(holdC.id);
} catch (error) {
  if (!isVaultError(error) || error.code !== 'INVALID_STATE') throw error;
  console.log(`  Sam cannot capture it any more: ${error.code}`);
}
// The sweep exists for tidiness and reports; the reads above already voided Order C.
console.log(`  vault.expireHolds() has ${await vault.expireHolds()} more to void`);

// Bea returns part of Order A worth 20.00: the refund reverses that much of the capture, and
// the fee on it goes back to Sam.
const { refund, feeRefund } = await refundWithFee(bazaar, {
  refundId: 'A-1',
  captureId: capture.id,
  feeId: fee.id,
  amount: '20.00',
});
const refunded = await bazaar.transactions.retrieve(capture.id);
console.log(
  `Refund of ${refund.amount}: a ${refund.transactionType}; Order A now has ${refunded.reversedAmount} of ${refunded.amount} reversed`,
);
console.log(
  `  fee given back to Sam: ${feeRefund?.amount ?? 'none'} (${refund.amount} x ${feeRate})`,
);
try {
  await refundWithFee(bazaar, {
    refundId: 'A-2',
    captureId: capture.id,
    feeId: fee.id,
    amount: '70.00',
  });
} catch (error) {
  if (!isVaultError(error) || error.code !== 'AMOUNT_EXCEEDS_REMAINING') throw error;
  console.log(
    `  a refund of 70.00 more: ${error.code} (remaining ${String(error.details.remaining)})`,
  );
}

// Where the money is: Bea's 200.00, not a cent more or less.
console.log('Final balances:');
const wallets = [bea, sam, fees];
for (const wallet of wallets) await show(wallet);
const total = (await Promise.all(wallets.map((w) => bazaar.wallets.balance(w.id)))).reduce(
  (sum, { balance }) => sum.add(Money.parse(balance, 'USD')),
  Money.zero('USD'),
);
console.log(`  together ${total} USD, what Bea deposited`);

const report = await vault.verify();
console.log(`Ledger invariants hold: ${report.ok}`);
await vault.close();
