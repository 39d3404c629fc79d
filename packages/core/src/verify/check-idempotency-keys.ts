import type { LedgerScans } from '../store/ledger-store.js';
import type { Verification } from './verification.js';

/**
 * IDEMPOTENCY_KEY_UNIQUE: the store reports how many rows hold each key. A key is also counted
 * again when a scan yields it twice in a row, which a store without a GROUP BY may do; keeping
 * only the previous key keeps memory constant.
 */
export async function checkIdempotencyKeys(
  scans: LedgerScans,
  organizationId: string,
  verification: Verification,
): Promise<void> {
  let previous: { key: string; copies: number } | null = null;
  const flush = () => {
    if (previous === null || previous.copies <= 1) return;
    verification.add({
      invariant: 'IDEMPOTENCY_KEY_UNIQUE',
      message: `Idempotency key ${JSON.stringify(previous.key)} is stored ${previous.copies} times in organization ${organizationId}`,
      organizationId,
      idempotencyKey: previous.key,
    });
  };
  for await (const { key, copies } of scans.scanIdempotencyKeys(organizationId)) {
    verification.count('idempotencyKeys', copies);
    if (previous !== null && previous.key === key) {
      previous.copies += copies;
      continue;
    }
    flush();
    previous = { key, copies };
  }
  flush();
}
