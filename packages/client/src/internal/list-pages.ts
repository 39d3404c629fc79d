import type { Page as WirePage } from '../contract/types.js';
import type { ListEndpointName } from '../pagination/list-query.js';
import { Page } from '../pagination/page.js';
import { PagePromise } from '../pagination/page-promise.js';
import type { RequestOptions } from '../request-options.js';
import type { QueryValue } from './build-url.js';
import type { Transport } from './transport.js';

/**
 * A {@link PagePromise} over list endpoint `endpoint`. The first page is fetched with the
 * caller's query; each next page with the same filters and page size and the previous page's
 * `next_cursor` instead of `page` (the API refuses both together).
 */
export function listPages<T>(
  transport: Transport,
  input: {
    endpoint: ListEndpointName;
    id?: string;
    query: Readonly<Record<string, QueryValue>> | undefined;
    options: RequestOptions | undefined;
  },
): PagePromise<T> {
  const fetchPage = async (query: Readonly<Record<string, QueryValue>>): Promise<Page<T>> => {
    const data = (await transport.request({
      endpoint: input.endpoint,
      ...(input.id !== undefined && { id: input.id }),
      query,
      options: input.options,
    })) as WirePage<T>;
    const { page: _page, cursor: _cursor, ...filters } = query;
    return new Page(data, (cursor) => fetchPage({ ...filters, page_size: data.page_size, cursor }));
  };
  return new PagePromise(() => fetchPage(input.query ?? {}));
}
