// Money-moving traffic for the reliability suites: random transfers (some through hot wallets),
// holds, captures (some partial), voids and all-or-nothing batches, sent by concurrent lanes,
// each request marked (`metadata.marker`, also its Idempotency-Key) so that whatever the
// server wrote can be traced back to the request that wrote it.
import { expect } from 'vitest';
import { fromCents } from '../process/http-api.js';
import type { LedgerModel, WireTransaction } from './ledger-model.js';
import { type Answer, isUnavailable, send } from './reliability-http.js';
import { between, type Random } from './reliability-settings.js';

interface TransferBody {
  readonly from_wallet_id: string;
  readonly to_wallet_id: string;
  readonly amount: string;
  readonly hold?: true;
  readonly metadata: { readonly marker: string };
}

/** One money-moving request. */
export type Operation =
  | { readonly kind: 'transfer' | 'hold'; readonly marker: string; readonly body: TransferBody }
  | {
      readonly kind: 'batch';
      readonly marker: string;
      readonly body: { readonly transfers: readonly TransferBody[] };
    }
  | {
      readonly kind: 'capture';
      readonly marker: string;
      readonly holdId: string;
      readonly body: { readonly amount?: string };
    }
  | { readonly kind: 'void'; readonly marker: string; readonly holdId: string };

/** An operation sent to a server, and what became of it. */
export interface Attempt {
  readonly operation: Operation;
  readonly url: string;
  readonly answer: Answer;
  /** When it was sent and when its answer (or its loss) came, by `Date.now()`. */
  readonly sentAt?: number;
  readonly answeredAt?: number;
}

/**
 * What an answer means for the ledger: written (`success`), refused with nothing written
 * (`refused`), perhaps written (`unknown`: no answer, or 503 `UNAVAILABLE`), or an answer this
 * traffic must never get (`unexpected`).
 */
export type Outcome = 'success' | 'refused' | 'unknown' | 'unexpected';

/** Classifies the answer to `operation`; `refusals` lists the 400 codes that may happen. */
export function outcomeOf(
  operation: Operation,
  answer: Answer,
  refusals: readonly string[] = ['INSUFFICIENT_FUNDS'],
): Outcome {
  if (answer.kind === 'lost' || isUnavailable(answer)) return 'unknown';
  const decision = operation.kind === 'capture' || operation.kind === 'void';
  if (answer.status === (decision ? 200 : 201)) return 'success';
  if (answer.status === 400 && refusals.includes(answer.body?.error?.code)) return 'refused';
  return 'unexpected';
}

/** The path an operation is posted to. */
export function operationPath(operation: Operation): string {
  switch (operation.kind) {
    case 'transfer':
    case 'hold':
      return '/api/v1/transactions/transfer';
    case 'batch':
      return '/api/v1/transactions/batch';
    default:
      return `/api/v1/transactions/${operation.holdId}/${operation.kind}`;
  }
}

/** Posts `operation` with its marker as the Idempotency-Key. */
export function sendOperation(options: {
  url: string;
  token: string;
  operation: Operation;
  timeoutMs?: number;
}): Promise<Answer> {
  const { url, token, operation } = options;
  return send(url, 'POST', operationPath(operation), {
    token,
    ...('body' in operation && { body: operation.body }),
    headers: { 'idempotency-key': operation.marker },
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
}

/** The transactions a successful answer reports. */
export function answeredTransactions(answer: Answer): WireTransaction[] {
  if (answer.kind !== 'answered') return [];
  return answer.body?.transactions ?? [answer.body];
}

/** The markers of the transactions an operation creates (none for a decision on a hold). */
export function createdMarkers(operation: Operation): string[] {
  if (operation.kind === 'batch') return operation.body.transfers.map((t) => t.metadata.marker);
  if (operation.kind === 'transfer' || operation.kind === 'hold') return [operation.marker];
  return [];
}

/**
 * Records a successful answer in the model, after checking that it reports what was asked:
 * the wallets, amounts and status of each transfer, or the decided hold.
 */
export function applySuccess(model: LedgerModel, operation: Operation, answer: Answer): void {
  const transactions = answeredTransactions(answer);
  if (operation.kind === 'capture' || operation.kind === 'void') {
    const [decided] = transactions;
    expect(decided?.id).toBe(operation.holdId);
    const held = model.transactions.get(operation.holdId)!;
    expect(decided).toMatchObject(
      operation.kind === 'void'
        ? { status: 'VOIDED' }
        : { status: 'COMPLETED', amount: operation.body.amount ?? fromCents(held.held) },
    );
    model.record(decided!);
    return;
  }
  const asked = operation.kind === 'batch' ? operation.body.transfers : [operation.body];
  expect(transactions.length).toBe(asked.length);
  for (const [index, transaction] of transactions.entries()) {
    const body = asked[index]!;
    expect(transaction).toMatchObject({
      from_wallet_id: body.from_wallet_id,
      to_wallet_id: body.to_wallet_id,
      amount: body.amount,
      status: body.hold ? 'PENDING' : 'COMPLETED',
      metadata: body.metadata,
    });
    model.record(transaction);
  }
}

/** What traffic to plan: the wallets, how many of them are hot, and the randomness. */
export interface TrafficPlan {
  readonly wallets: readonly string[];
  /** The first `hotWallets` wallets take part in about 40% of the transfers. */
  readonly hotWallets: number;
  readonly random: Random;
  /** Prefix of the markers, unique per run of traffic (`crash-sqlite-r2`). */
  readonly markerPrefix: string;
  /** Largest transfer, in cents (default 8000: many attempts overdraw and are refused). */
  readonly amountMaxCents?: number;
}

function transferBody(plan: TrafficPlan, marker: string, hold: boolean): TransferBody {
  const { wallets, random } = plan;
  const pick = (count: number) => Math.floor(random() * count);
  const hot = random() < 0.4;
  let from = hot && random() < 0.5 ? pick(plan.hotWallets) : pick(wallets.length);
  let to = hot && from >= plan.hotWallets ? pick(plan.hotWallets) : pick(wallets.length);
  if (to === from) to = (from + 1 + pick(wallets.length - 1)) % wallets.length;
  if (random() < 0.5) [from, to] = [to, from];
  const amount = fromCents(BigInt(between(random, 1, plan.amountMaxCents ?? 8000)));
  return {
    from_wallet_id: wallets[from]!,
    to_wallet_id: wallets[to]!,
    amount,
    ...(hold && { hold: true as const }),
    metadata: { marker },
  };
}

/**
 * Plans the next operation: 45% transfers, 20% holds, 13% captures (a third of them partial)
 * and 10% voids of an open hold taken from the model, 7% batches of 2..4 transfers; a decision
 * with no open hold becomes a transfer.
 */
export function planOperation(model: LedgerModel, plan: TrafficPlan, index: number): Operation {
  const marker = `${plan.markerPrefix}-${index}`;
  const roll = plan.random();
  if (roll >= 0.65 && roll < 0.88) {
    const hold = model.takeHold(plan.random);
    if (hold !== undefined && roll < 0.78) {
      const partial = plan.random() < 1 / 3;
      const amount = partial ? fromCents(BigInt(between(plan.random, 1, Number(hold.held)))) : null;
      return {
        kind: 'capture',
        marker,
        holdId: hold.id,
        body: amount === null ? {} : { amount },
      };
    }
    if (hold !== undefined) return { kind: 'void', marker, holdId: hold.id };
  }
  if (roll >= 0.93) {
    const transfers = Array.from({ length: between(plan.random, 2, 4) }, (_, item) =>
      transferBody(plan, `${marker}.${item}`, false),
    );
    return { kind: 'batch', marker, body: { transfers } };
  }
  const hold = roll >= 0.45 && roll < 0.65;
  return { kind: hold ? 'hold' : 'transfer', marker, body: transferBody(plan, marker, hold) };
}

/** Options of {@link driveTraffic}. */
export interface TrafficOptions {
  readonly lanes: number;
  readonly token: string;
  readonly model: LedgerModel;
  readonly plan: TrafficPlan;
  /** The server a request goes to. */
  readonly url: (index: number) => string;
  /** Checked before each request: true ends the lane. */
  readonly stop: () => boolean;
  /** Called with every attempt once it has its answer. */
  readonly onAttempt?: (attempt: Attempt) => void;
  readonly timeoutMs?: number;
}

/**
 * Runs `lanes` concurrent lanes of planned operations until `stop()` says so, keeping the model
 * up to date with every success; resolves to every attempt once each lane's last request has
 * its answer (or is lost).
 */
export async function driveTraffic(options: TrafficOptions): Promise<Attempt[]> {
  const { model, plan } = options;
  const attempts: Attempt[] = [];
  let sent = 0;
  const lane = async () => {
    while (!options.stop()) {
      const index = sent;
      sent += 1;
      const operation = planOperation(model, plan, index);
      const url = options.url(index);
      const sentAt = Date.now();
      const answer = await sendOperation({
        url,
        token: options.token,
        operation,
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      });
      const attempt = { operation, url, answer, sentAt, answeredAt: Date.now() };
      attempts.push(attempt);
      const outcome = outcomeOf(operation, answer);
      if (outcome === 'success') applySuccess(model, operation, answer);
      if ((outcome === 'refused' || outcome === 'unexpected') && 'holdId' in operation) {
        model.releaseHold(operation.holdId);
      }
      options.onAttempt?.(attempt);
    }
  };
  await Promise.all(Array.from({ length: options.lanes }, lane));
  return attempts;
}

/** The counts of a traffic run by outcome, for figures and failure messages. */
export function countOutcomes(attempts: readonly Attempt[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { success: 0, refused: 0, unknown: 0, unexpected: 0 };
  for (const { operation, answer } of attempts) counts[outcomeOf(operation, answer)] += 1;
  return counts;
}

/** The unexpected answers among `attempts`, short enough for a failure message. */
export function unexpectedAnswers(attempts: readonly Attempt[]): string[] {
  return attempts
    .filter(({ operation, answer }) => outcomeOf(operation, answer) === 'unexpected')
    .map(({ operation, answer }) =>
      answer.kind === 'answered'
        ? `${operation.kind} ${operation.marker}: ${answer.status} ${answer.text.slice(0, 300)}`
        : `${operation.kind} ${operation.marker}: lost`,
    );
}
