// Splitting one payment among several parties: exact allocation with Money#allocate, then one
// all-or-nothing batch of transfers.
import { Money, type OrganizationScope, type Transaction, type Wallet } from '@vaultcraft/core';

/** One party of a split and its ratio: a percentage, a weight, anything proportional. */
export interface Share {
  readonly wallet: Wallet;
  readonly ratio: string;
}

/**
 * Splits `amount` of the payer's currency into parts proportional to the shares' ratios. The
 * parts always add up to `amount` exactly: each part is rounded down to the minor unit and
 * the leftover units go one each to the parts with the largest remainders.
 */
export function splitAmount(amount: string, currency: string, shares: readonly Share[]): Money[] {
  return Money.parse(amount, currency).allocate(shares.map((share) => share.ratio));
}

/** The sum of some amounts of one currency, exactly. */
export function sum(parts: readonly Money[], currency: string): Money {
  return parts.reduce((total, part) => total.add(part), Money.zero(currency));
}

/**
 * Pays `amount` from `payer` to the parties of `shares`, split by their ratios, as one batch:
 * either every transfer is posted or none is. The order id is the idempotency key, so a retry
 * of the same order replays the first result instead of paying twice.
 *
 * @throws the code of the first transfer that fails (`INSUFFICIENT_FUNDS`, `WALLET_FROZEN`...)
 *   with `details.index`; nothing is written then.
 */
export async function paySplit(
  organization: OrganizationScope,
  payment: { payer: Wallet; amount: string; shares: readonly Share[]; orderId: string },
): Promise<Transaction[]> {
  const parts = splitAmount(payment.amount, payment.payer.currency, payment.shares);
  // A transfer moves more than zero, so a party whose part rounds to 0.00 gets no transfer.
  const transfers = payment.shares.flatMap((share, index) => {
    const part = parts[index]!;
    if (part.isZero()) return [];
    return [
      {
        fromWalletId: payment.payer.id,
        toWalletId: share.wallet.id,
        amount: part.toString(),
        description: `Share of order ${payment.orderId}`,
        metadata: { order_id: payment.orderId, ratio: share.ratio },
      },
    ];
  });
  return organization.transactions.batch(
    { transfers },
    { idempotencyKey: `order-${payment.orderId}` },
  );
}
