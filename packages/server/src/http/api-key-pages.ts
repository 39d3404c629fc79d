import { instantTimeMax, instantTimeMin, wireLimits } from '@vaultcraft/client/contract';
import { ValidationError } from '@vaultcraft/core';
import type { ApiKeyRecord, IdentityStore } from '../identity/identity-store.js';

/** A page of API key records, shaped like every other Page of the API. */
export interface ApiKeyPage {
  readonly items: ApiKeyRecord[];
  readonly total: number | null;
  readonly page: number | null;
  readonly page_size: number;
  readonly pages: number | null;
  readonly next_cursor: string | null;
}

function encodeCursor(last: ApiKeyRecord): string {
  return Buffer.from(
    JSON.stringify({ k: 'api_keys', t: last.createdAt.getTime(), i: last.id }),
  ).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const { k, t, i } = value;
    if (
      k === 'api_keys' &&
      typeof t === 'number' &&
      Number.isSafeInteger(t) &&
      t >= instantTimeMin &&
      t <= instantTimeMax &&
      typeof i === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(i)
    ) {
      return { createdAt: new Date(t), id: i };
    }
  } catch {
    // Reported below, like any other cursor this list did not issue.
  }
  throw new ValidationError([{ path: 'cursor', message: 'is not a cursor of this list' }]);
}

/**
 * The organization's active API keys, newest first, by page (offset, with `total`) or by
 * cursor (keyset on (created_at, id), constant cost per page).
 */
export async function listApiKeysPage(
  identity: IdentityStore,
  organizationId: string,
  query: { page?: number; page_size?: number; cursor?: string },
): Promise<ApiKeyPage> {
  const pageSize = query.page_size ?? wireLimits.pageSizeDefault;
  if (query.cursor !== undefined) {
    const before = decodeCursor(query.cursor);
    const { items } = await identity.listApiKeys({
      organizationId,
      limit: pageSize + 1,
      before,
      withTotal: false,
    });
    const more = items.length > pageSize;
    const shown = items.slice(0, pageSize);
    return {
      items: shown,
      total: null,
      page: null,
      page_size: pageSize,
      pages: null,
      next_cursor: more ? encodeCursor(shown[shown.length - 1]!) : null,
    };
  }
  const page = query.page ?? 1;
  const { items, total } = await identity.listApiKeys({
    organizationId,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    withTotal: true,
  });
  const count = total ?? 0;
  const more = page * pageSize < count && items.length === pageSize;
  return {
    items,
    total: count,
    page,
    page_size: pageSize,
    pages: Math.ceil(count / pageSize),
    next_cursor: more ? encodeCursor(items[items.length - 1]!) : null,
  };
}
