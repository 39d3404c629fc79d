import type { ListKey, ListResult } from '../store/ledger-store.js';

/**
 * Ids kept in (`createdAt`, `id`) order, read newest first, with page and keyset paging.
 * Inserts are appends in the common case (ids and times grow), a binary search otherwise.
 *
 * Times and ids live in two parallel arrays rather than an array of key objects: this index
 * grows on every posting, and one object less per row is less for the garbage collector to
 * copy and trace.
 */
export class TimeOrderedIndex {
  private readonly times: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  insert(createdAt: Date, id: string): void {
    const time = createdAt.getTime();
    const last = this.ids.length - 1;
    if (last < 0 || this.compareAt(last, time, id) < 0) {
      this.times.push(time);
      this.ids.push(id);
      return;
    }
    const index = this.lowerBound(time, id);
    this.times.splice(index, 0, time);
    this.ids.splice(index, 0, id);
  }

  /**
   * One page, newest first. `load` returns the current row of an id; `accept` filters rows.
   */
  page<T>(
    query: { pageSize: number; page?: number; after?: ListKey },
    load: (id: string) => T,
    accept: (row: T) => boolean,
  ): ListResult<T> {
    const { pageSize } = query;
    const items: T[] = [];
    if (query.after === undefined) {
      const offset = ((query.page ?? 1) - 1) * pageSize;
      let total = 0;
      for (let i = this.ids.length - 1; i >= 0; i -= 1) {
        const row = load(this.ids[i]!);
        if (!accept(row)) continue;
        if (total >= offset && total < offset + pageSize) items.push(row);
        total += 1;
      }
      return { items, total, hasMore: total > offset + pageSize };
    }
    // Keyset: start just below the cursor position.
    const start = this.lowerBound(query.after.createdAt.getTime(), query.after.id) - 1;
    for (let i = start; i >= 0; i -= 1) {
      const row = load(this.ids[i]!);
      if (!accept(row)) continue;
      if (items.length === pageSize) return { items, total: null, hasMore: true };
      items.push(row);
    }
    return { items, total: null, hasMore: false };
  }

  /** Ids oldest first. */
  *ascending(): Generator<string> {
    yield* this.ids;
  }

  /** Compares the key at `index` with (`time`, `id`). */
  private compareAt(index: number, time: number, id: string): number {
    const other = this.times[index]!;
    if (other !== time) return other < time ? -1 : 1;
    const otherId = this.ids[index]!;
    return otherId < id ? -1 : otherId > id ? 1 : 0;
  }

  /** The first index whose key is not below (`time`, `id`). */
  private lowerBound(time: number, id: string): number {
    let low = 0;
    let high = this.ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compareAt(middle, time, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
