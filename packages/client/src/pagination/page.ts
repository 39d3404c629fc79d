import type { Page as WirePage } from '../contract/types.js';

/** Fetches the page that follows a cursor. */
export type FetchPageAfter<T> = (cursor: string) => Promise<Page<T>>;

/**
 * One page of a list, as the server answered it (`items`, `total`, `page`, `page_size`,
 * `pages`, `next_cursor`), with the means to fetch the next one by its cursor.
 *
 * @example
 * ```ts
 * let page = await client.wallets.list({ page_size: 50 });
 * while (true) {
 *   for (const wallet of page.items) console.log(wallet.name);
 *   if (!page.hasNextPage()) break;
 *   page = await page.getNextPage();
 * }
 * ```
 */
export class Page<T> implements WirePage<T> {
  readonly items: T[];
  /** `null` in cursor mode. */
  readonly total: number | null;
  /** `null` in cursor mode. */
  readonly page: number | null;
  readonly page_size: number;
  /** `null` in cursor mode. */
  readonly pages: number | null;
  /** The cursor of the next page; `null` on the last page. */
  readonly next_cursor: string | null;
  readonly #fetchPageAfter: FetchPageAfter<T>;

  /**
   * Pages come from list methods; they are not built by callers.
   *
   * @internal
   */
  constructor(data: WirePage<T>, fetchPageAfter: FetchPageAfter<T>) {
    this.items = data.items;
    this.total = data.total;
    this.page = data.page;
    this.page_size = data.page_size;
    this.pages = data.pages;
    this.next_cursor = data.next_cursor;
    this.#fetchPageAfter = fetchPageAfter;
  }

  /** Whether another page follows (the server gave a `next_cursor`). */
  hasNextPage(): boolean {
    return this.next_cursor !== null;
  }

  /**
   * Fetches the next page by cursor, with the same filters and page size.
   *
   * @throws RangeError when this is the last page (check {@link Page.hasNextPage} first).
   */
  getNextPage(): Promise<Page<T>> {
    if (this.next_cursor === null) {
      return Promise.reject(new RangeError('This is the last page: check hasNextPage() first'));
    }
    return this.#fetchPageAfter(this.next_cursor);
  }
}
