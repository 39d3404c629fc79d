import type { Page } from './page.js';

/** The largest `limit` of {@link PagePromise.collect}: beyond it, iterate instead. */
export const collectLimitMax = 10_000;

/**
 * What a list method returns: a promise of the first {@link Page} (`await`), and an async
 * iterable over every item of every page, fetched page by page with cursors (`for await`).
 * Nothing is sent until it is awaited or iterated; the first page is fetched once.
 *
 * @example
 * ```ts
 * const first = await client.transactions.list({ wallet_id, page_size: 100 });
 * console.log(first.total);
 *
 * for await (const transaction of client.transactions.list({ wallet_id })) {
 *   console.log(transaction.id, transaction.amount);
 * }
 *
 * const recent = await client.transactions.list({ wallet_id }).collect({ limit: 500 });
 * ```
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetchFirstPage: () => Promise<Page<T>>;
  #firstPage: Promise<Page<T>> | undefined;

  constructor(fetchFirstPage: () => Promise<Page<T>>) {
    this.#fetchFirstPage = fetchFirstPage;
  }

  get [Symbol.toStringTag](): string {
    return 'PagePromise';
  }

  #first(): Promise<Page<T>> {
    this.#firstPage ??= this.#fetchFirstPage();
    return this.#firstPage;
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting a PagePromise is its documented use
  then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#first().then(onFulfilled, onRejected);
  }

  catch<R = never>(
    onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<Page<T> | R> {
    return this.#first().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<T>> {
    return this.#first().finally(onFinally);
  }

  /** Every item of every page, newest first, fetching the next page only when needed. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#first();
    while (true) {
      yield* page.items;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  /**
   * The first `limit` items across pages (fewer when the list is shorter). The limit is
   * required so that a list that grows without bound cannot exhaust memory unnoticed.
   *
   * @throws RangeError when `limit` is not an integer from 1 to 10,000.
   */
  async collect(options: { limit: number }): Promise<T[]> {
    const limit = options?.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > collectLimitMax) {
      throw new RangeError(`collect needs a limit: an integer from 1 to ${collectLimitMax}`);
    }
    const items: T[] = [];
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}
