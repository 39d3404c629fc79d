import type { GroupCommitSettings } from './group-commit-options.js';

/** What one write of a group came to: its value, or the error it alone failed with. */
export type GroupOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/**
 * Commits a group of writes together and says how each one ended, in order. Throws (or
 * rejects) when the group as a whole did not commit: then every write of it fails with that
 * error, and none was acknowledged.
 */
export type CommitGroup<W> = (
  writes: readonly W[],
) => Promise<readonly GroupOutcome[]> | readonly GroupOutcome[];

interface Queued<W> {
  readonly write: W;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects concurrent writes into groups for {@link CommitGroup}: the first write of a group
 * waits `windowMs` (0: until the event loop has run what already arrived), a group closes at
 * `maxOperations`, and at most `maxInFlight` groups commit at once (the next ones form
 * meanwhile). Each caller's promise settles only after its group's commit returned.
 */
export class WriteGroups<W> {
  private queue: Queued<W>[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly settings: GroupCommitSettings,
    private readonly commit: CommitGroup<W>,
    private readonly maxInFlight = 1,
  ) {}

  /** Queues a write; resolves to its value once its group committed. */
  submit<T>(write: W): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length >= this.settings.maxOperations) this.drain();
      else this.schedule();
    });
  }

  /** Commits everything queued now (without waiting for the window); resolves when all settled. */
  async flush(): Promise<void> {
    this.drain();
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idle.add(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.drain();
    };
    if (this.settings.windowMs === 0) setImmediate(run);
    else setTimeout(run, this.settings.windowMs);
  }

  /** Starts groups from the queue while fewer than `maxInFlight` are committing. */
  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const group = this.queue.splice(0, this.settings.maxOperations);
      this.inFlight += 1;
      void this.run(group);
    }
  }

  private async run(group: Queued<W>[]): Promise<void> {
    try {
      const outcomes = await this.commit(group.map((queued) => queued.write));
      group.forEach((queued, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined) queued.reject(new Error('A write of the group has no outcome'));
        else if (outcome.ok) queued.resolve(outcome.value);
        else queued.reject(outcome.error);
      });
    } catch (error) {
      for (const queued of group) queued.reject(error);
    } finally {
      this.inFlight -= 1;
      // The next group forms on the next turn, not now: the callers just answered are about
      // to send their next writes (in microtasks), and they should join it.
      if (this.queue.length >= this.settings.maxOperations) this.drain();
      else if (this.queue.length > 0) this.schedule();
      if (this.inFlight === 0 && this.queue.length === 0) {
        for (const resolve of this.idle) resolve();
        this.idle.clear();
      }
    }
  }
}
