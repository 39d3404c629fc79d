import { ValidationError } from '../errors/vault-error.js';
import { isUuid } from '../ids/uuid-v7-generator.js';
import type { ListKey, ListResult } from '../store/ledger-store.js';
import { limits } from '../validation/schemas.js';
import type { Page } from './types.js';

/** Cursor times stay within years 1..9999, which every store's time column can hold. */
const cursorTimeMin = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const cursorTimeMax = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The lists a cursor can belong to; a cursor of one list is rejected by another. */
export type CursorKind = 'organizations' | 'wallets' | 'transactions' | 'entries';

interface PageRequest {
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
  readonly cursor?: string | undefined;
}

/** A page request resolved for a store: page mode or a decoded cursor position. */
export interface ResolvedPageRequest<K> {
  readonly pageSize: number;
  readonly page?: number;
  readonly after?: K;
}

/** Encodes a list position as an opaque, URL-safe cursor. */
export function encodeCursor(
  kind: CursorKind,
  position: ListKey | { sequence: number; walletId: string },
): string {
  const payload =
    'sequence' in position
      ? { k: kind, s: position.sequence, w: position.walletId }
      : { k: kind, t: position.createdAt.getTime(), i: position.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodePayload(kind: CursorKind, cursor: string): Record<string, unknown> {
  const invalid = () =>
    new ValidationError([{ path: 'cursor', message: 'is not a cursor of this list' }]);
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null || (payload as { k?: unknown }).k !== kind) {
    throw invalid();
  }
  return payload as Record<string, unknown>;
}

/** Resolves a (created_at, id) keyed page request. */
export function resolveKeyedPage(
  kind: CursorKind,
  request: PageRequest,
): ResolvedPageRequest<ListKey> {
  const pageSize = request.pageSize ?? limits.pageSizeDefault;
  if (request.cursor === undefined) {
    return { pageSize, page: request.page ?? 1 };
  }
  const payload = decodePayload(kind, request.cursor);
  const { t, i } = payload;
  if (
    typeof t !== 'number' ||
    !Number.isSafeInteger(t) ||
    t < cursorTimeMin ||
    t > cursorTimeMax ||
    typeof i !== 'string' ||
    !isUuid(i)
  ) {
    throw new ValidationError([{ path: 'cursor', message: 'is not a cursor of this list' }]);
  }
  return { pageSize, after: { createdAt: new Date(t), id: i } };
}

/** Resolves a page request over one wallet's entries (keyed by sequence). */
export function resolveEntryPage(
  walletId: string,
  request: PageRequest,
): ResolvedPageRequest<number> {
  const pageSize = request.pageSize ?? limits.pageSizeDefault;
  if (request.cursor === undefined) {
    return { pageSize, page: request.page ?? 1 };
  }
  const { s, w } = decodePayload('entries', request.cursor);
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0 || w !== walletId) {
    throw new ValidationError([{ path: 'cursor', message: 'is not a cursor of this list' }]);
  }
  return { pageSize, after: s };
}

/** Builds the public page from a store result. */
export function toPage<R, T>(
  request: ResolvedPageRequest<unknown>,
  result: ListResult<R>,
  map: (record: R) => T,
  cursorOf: (last: R) => string,
): Page<T> {
  const last = result.items.at(-1);
  const nextCursor = result.hasMore && last !== undefined ? cursorOf(last) : null;
  if (request.page === undefined) {
    return {
      items: result.items.map(map),
      total: null,
      page: null,
      pageSize: request.pageSize,
      pages: null,
      nextCursor,
    };
  }
  const total = result.total ?? 0;
  return {
    items: result.items.map(map),
    total,
    page: request.page,
    pageSize: request.pageSize,
    pages: Math.ceil(total / request.pageSize),
    nextCursor,
  };
}
