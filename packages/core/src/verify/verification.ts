import type { LedgerCounts, LedgerReport, LedgerViolation } from './verify-ledger.js';

/** Rows read between two progress calls within an organization. */
const progressEveryRows = 1000;

/** The state of one `verifyLedger` run: violations found (bounded), rows counted, progress. */
export class Verification {
  readonly checked: LedgerCounts = {
    organizations: 0,
    wallets: 0,
    transactions: 0,
    entries: 0,
    idempotencyKeys: 0,
  };
  private readonly violations: LedgerViolation[] = [];
  private truncated = false;
  private rowsSinceProgress = 0;

  constructor(
    private readonly violationsMax: number,
    private readonly onProgress: ((checked: LedgerCounts) => void) | undefined,
  ) {}

  /** Records a violation; beyond `violationsMax` only notes that some were left out. */
  add(violation: LedgerViolation): void {
    if (this.violations.length < this.violationsMax) this.violations.push(violation);
    else this.truncated = true;
  }

  /** Counts `amount` rows of a kind read, reporting progress every so many rows. */
  count(kind: Exclude<keyof LedgerCounts, 'organizations'>, amount = 1): void {
    this.checked[kind] += amount;
    this.rowsSinceProgress += amount;
    if (this.rowsSinceProgress >= progressEveryRows) this.progress();
  }

  progress(): void {
    this.rowsSinceProgress = 0;
    this.onProgress?.({ ...this.checked });
  }

  result(): LedgerReport {
    return {
      ok: this.violations.length === 0 && !this.truncated,
      violations: this.violations,
      truncated: this.truncated,
      checked: { ...this.checked },
    };
  }
}
