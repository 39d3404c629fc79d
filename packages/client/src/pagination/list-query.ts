import type { EndpointName, EndpointQuery } from '../contract/endpoints.js';

/** The list endpoints: they take the pagination parameters and answer a Page. */
export type ListEndpointName =
  | 'apiKeys.list'
  | 'wallets.list'
  | 'wallets.transactions'
  | 'wallets.entries'
  | 'transactions.list';

/**
 * The query of list endpoint `N`: its filters as the wire names them (`wallet_id`,
 * `created_from`), and the pagination parameters as numbers. `page` and `cursor` exclude each
 * other; iterating a list continues with cursors whatever the first page was.
 */
export type ListQuery<N extends ListEndpointName & EndpointName> = Omit<
  NonNullable<EndpointQuery<N>>,
  'page' | 'page_size' | 'cursor'
> & {
  /** The page number, from 1 (page mode: the Page has `total` and `pages`). */
  readonly page?: number;
  /** Items per page, 1..100 (default 20). */
  readonly page_size?: number;
  /** The `next_cursor` of a previous page (cursor mode). */
  readonly cursor?: string;
};
