// The marketplace's money moves around an order: capture a held payment and take the platform
// fee, or refund part of it and give back the matching part of the fee. Every write carries an
// idempotency key derived from the order, so a retried request never moves money twice.
import { Money, type OrganizationScope, type Transaction } from '@vaultcraft/core';

/** The platform's fee: 2.9% of what the seller receives. */
export const feeRate = '0.029';

/**
 * The fee on an amount, rounded half-to-even to the cent. Rounding happens only here, where
 * it is asked for: `79.90 * 0.029 = 2.3171` becomes `2.32`.
 */
export function feeOn(amount: string, currency: string): Money {
  return Money.parse(amount, currency).multiply(feeRate, 'HALF_EVEN');
}

/**
 * Captures `amount` of a held payment (the rest of the hold is released to the buyer), then
 * moves the platform's fee from the seller to `feeWalletId`. A capture pays only the hold's
 * own destination, so the fee is a second transfer right after it.
 *
 * @throws `INVALID_STATE` when the hold was voided or has expired; `AMOUNT_EXCEEDS_REMAINING`
 *   above the held amount.
 */
export async function captureWithFee(
  organization: OrganizationScope,
  order: { orderId: string; holdId: string; amount: string; feeWalletId: string },
): Promise<{ capture: Transaction; fee: Transaction }> {
  const capture = await organization.transactions.capture(
    order.holdId,
    { amount: order.amount },
    { idempotencyKey: `capture-${order.orderId}` },
  );
  const fee = await organization.transactions.transfer(
    {
      fromWalletId: capture.toWalletId,
      toWalletId: order.feeWalletId,
      amount: feeOn(capture.amount, capture.currency).toString(),
      description: `Platform fee, order ${order.orderId}`,
    },
    { idempotencyKey: `fee-${order.orderId}` },
  );
  return { capture, fee };
}

/**
 * Refunds `amount` of a captured payment to the buyer by a partial reversal, then gives the
 * seller back the part of the platform's fee that no longer applies (a partial reversal of the
 * fee transfer). Reversals of one transaction never add up to more than it.
 *
 * The refund goes first: when it is rejected, nothing at all has moved. The fee given back is
 * the fee on everything refunded so far minus what was already given back, not the fee on this
 * refund alone, so rounding never hands back more fee than was taken.
 *
 * @returns the refund, and the fee reversal (`null` when no fee is due back, as on a retry).
 * @throws `AMOUNT_EXCEEDS_REMAINING` (with `details.remaining`) when more than what is left of
 *   the capture would be refunded; `INSUFFICIENT_FUNDS` when the seller no longer has it.
 */
export async function refundWithFee(
  organization: OrganizationScope,
  request: { refundId: string; captureId: string; feeId: string; amount: string },
): Promise<{ refund: Transaction; feeRefund: Transaction | null }> {
  const { transactions } = organization;
  const refund = await transactions.reverse(
    request.captureId,
    { amount: request.amount, description: `Refund ${request.refundId}` },
    { idempotencyKey: `refund-${request.refundId}` },
  );
  const [capture, fee] = await Promise.all([
    transactions.retrieve(request.captureId),
    transactions.retrieve(request.feeId),
  ]);
  const feeDue = feeOn(capture.reversedAmount, capture.currency).subtract(
    Money.parse(fee.reversedAmount, fee.currency),
  );
  if (!feeDue.isPositive()) return { refund, feeRefund: null };
  const feeRefund = await transactions.reverse(
    request.feeId,
    { amount: feeDue.toString(), description: `Fee back, refund ${request.refundId}` },
    { idempotencyKey: `fee-refund-${request.refundId}` },
  );
  return { refund, feeRefund };
}
