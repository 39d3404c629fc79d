import type { ListKey, ListResult } from '../store/ledger-store.js';

interface Key {
  readonly time: number;
  readonly id: string;
}

function compare(a: Key, b: Key): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Ids kept in (`createdAt`, `id`) order, read newest first, with page and keyset paging.
 * Inserts are appends in the common case (ids and times grow), a binary search otherwise.
 */
export class TimeOrderedIndex {
  private readonly keys: Key[] = [];

  get size(): number {
    return this.keys.length;
  }

  insert(createdAt: Date, id: string): void {
    const key = { time: createdAt.getTime(), id };
    const last = this.keys.at(-1);
    if (last === undefined || compare(last, key) < 0) {
      this.keys.push(key);
      return;
    }
    this.keys.splice(this.lowerBound(key), 0, key);
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
      for (let i = this.keys.length - 1; i >= 0; i -= 1) {
        const row = load(this.keys[i]!.id);
        if (!accept(row)) continue;
        if (total >= offset && total < offset + pageSize) items.push(row);
        total += 1;
      }
      return { items, total, hasMore: total > offset + pageSize };
    }
    // Keyset: start just below the cursor position.
    const start =
      this.lowerBound({ time: query.after.createdAt.getTime(), id: query.after.id }) - 1;
    for (let i = start; i >= 0; i -= 1) {
      const row = load(this.keys[i]!.id);
      if (!accept(row)) continue;
      if (items.length === pageSize) return { items, total: null, hasMore: true };
      items.push(row);
    }
    return { items, total: null, hasMore: false };
  }

  /** Ids oldest first. */
  *ids(): Generator<string> {
    for (const key of this.keys) yield key.id;
  }

  private lowerBound(key: Key): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(this.keys[middle]!, key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
