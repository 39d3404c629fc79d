import type { ListResult } from '@vaultcraft/core';

/**
 * How many rows to fetch for one page, and where to start: one row more than the page, so that
 * `hasMore` needs no second query.
 */
export interface PageWindow {
  /** Rows to fetch: `pageSize + 1`. */
  readonly limit: number;
  /** Rows to skip (page mode); 0 in cursor mode. */
  readonly offset: number;
}

/** The window of a page-mode or cursor-mode request. */
export function pageWindow(query: {
  readonly pageSize: number;
  readonly page?: number;
  readonly after?: unknown;
}): PageWindow {
  const offset = query.after === undefined ? ((query.page ?? 1) - 1) * query.pageSize : 0;
  return { limit: query.pageSize + 1, offset };
}

/**
 * The page made of the rows fetched with {@link pageWindow}: at most `pageSize` items,
 * `hasMore` when the extra row came back, and `total` (page mode) or `null` (cursor mode).
 */
export function toListResult<T>(
  rows: readonly T[],
  pageSize: number,
  total: number | null,
): ListResult<T> {
  const hasMore = rows.length > pageSize;
  return { items: hasMore ? rows.slice(0, pageSize) : [...rows], total, hasMore };
}
