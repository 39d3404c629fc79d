// Proves pagination with a scripted fetch: a list call sends nothing until awaited or
// iterated; awaiting gives the first Page with hasNextPage/getNextPage; `for await` walks every
// item across pages by cursor (same filters and page size, `page` dropped); collect requires a
// limit and stops fetching once it has that many items.
import { describe, expect, it } from 'vitest';
import { Page, VaultCraft } from '../src/index.js';
import { fakeFetch, type Reply } from './fake-fetch.js';
import { page, transaction, wallet, walletId } from './fixtures.js';

function idOf(n: number): string {
  return `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** Three pages of two transactions each, linked by cursors c1 and c2. */
const threePages: Reply[] = [
  {
    status: 200,
    body: page([transaction({ id: idOf(1) }), transaction({ id: idOf(2) })], 'c1', {
      page: 2,
      total: 6,
      pages: 3,
      page_size: 2,
    }),
  },
  {
    status: 200,
    body: page([transaction({ id: idOf(3) }), transaction({ id: idOf(4) })], 'c2', {
      page_size: 2,
    }),
  },
  {
    status: 200,
    body: page([transaction({ id: idOf(5) }), transaction({ id: idOf(6) })], null, {
      page_size: 2,
    }),
  },
];

function clientWith(replies: Reply[]) {
  const fake = fakeFetch(replies);
  return {
    client: new VaultCraft({ baseUrl: 'http://vault.test', apiKey: 'k', fetch: fake.fetch }),
    requests: fake.requests,
  };
}

function queryOf(url: string | undefined): Record<string, string> {
  return Object.fromEntries(new URL(url ?? '').searchParams);
}

describe('a list call', () => {
  it('sends nothing until awaited, then answers the first Page', async () => {
    const { client, requests } = clientWith(threePages);
    const pending = client.transactions.list({ wallet_id: walletId, page: 2, page_size: 2 });
    expect(requests).toHaveLength(0);
    const first = await pending;
    expect(first).toBeInstanceOf(Page);
    expect(first).toMatchObject({ total: 6, page: 2, pages: 3, page_size: 2, next_cursor: 'c1' });
    expect(first.items.map((item) => item.id)).toEqual([idOf(1), idOf(2)]);
    expect(queryOf(requests[0]?.url)).toEqual({ wallet_id: walletId, page: '2', page_size: '2' });

    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(queryOf(requests[1]?.url)).toEqual({
      wallet_id: walletId,
      page_size: '2',
      cursor: 'c1',
    });
    const third = await second.getNextPage();
    expect(third.hasNextPage()).toBe(false);
    await expect(third.getNextPage()).rejects.toThrow(RangeError);
  });

  it('iterates every item of every page with for await, following the cursors', async () => {
    const { client, requests } = clientWith(threePages);
    const seen: string[] = [];
    for await (const item of client.transactions.list({
      wallet_id: walletId,
      status: 'COMPLETED',
    })) {
      seen.push(item.id);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map(idOf));
    expect(requests.map((request) => queryOf(request.url))).toEqual([
      { wallet_id: walletId, status: 'COMPLETED' },
      { wallet_id: walletId, status: 'COMPLETED', page_size: '2', cursor: 'c1' },
      { wallet_id: walletId, status: 'COMPLETED', page_size: '2', cursor: 'c2' },
    ]);
  });

  it('fetches the first page once when it is awaited and then iterated', async () => {
    const { client, requests } = clientWith(threePages);
    const list = client.wallets.transactions(walletId);
    await list;
    let count = 0;
    for await (const _item of list) count += 1;
    expect(count).toBe(6);
    expect(requests).toHaveLength(3);
    expect(requests[0]?.url).toBe(`http://vault.test/api/v1/wallets/${walletId}/transactions`);
  });

  it('collects up to the limit and fetches no page beyond it', async () => {
    const { client, requests } = clientWith(threePages);
    const three = await client.transactions.list().collect({ limit: 3 });
    expect(three.map((item) => item.id)).toEqual([1, 2, 3].map(idOf));
    expect(requests).toHaveLength(2);

    const all = clientWith(threePages);
    expect(await all.client.transactions.list().collect({ limit: 100 })).toHaveLength(6);
  });

  it('refuses to collect without a sensible limit', async () => {
    const { client, requests } = clientWith(threePages);
    const list = client.wallets.list();
    for (const limit of [0, -1, 1.5, 10_001, Number.NaN]) {
      await expect(list.collect({ limit })).rejects.toThrow(/needs a limit/);
    }
    // @ts-expect-error: the limit is required
    await expect(list.collect({})).rejects.toThrow(RangeError);
    expect(requests).toHaveLength(0);
  });

  it('stops after an empty last page', async () => {
    const { client } = clientWith([{ status: 200, body: page([], null) }]);
    const items = [];
    for await (const item of client.wallets.list({ currency: 'USD' })) items.push(item);
    expect(items).toEqual([]);
    const { client: other } = clientWith([{ status: 200, body: page([wallet()], null) }]);
    expect((await other.wallets.list()).items).toEqual([wallet()]);
  });
});
