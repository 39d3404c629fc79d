/** A query parameter as a caller passes it; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | null | undefined;

/**
 * The URL of an endpoint: the client's base URL, the contract's path with its `{id}` filled
 * in (percent-encoded, so an id cannot change the path), and the query parameters that are set.
 */
export function buildUrl(input: {
  baseUrl: string;
  path: string;
  id: string | undefined;
  query: Readonly<Record<string, QueryValue>> | undefined;
}): string {
  let path = input.path;
  if (path.includes('{id}')) {
    if (input.id === undefined) {
      throw new TypeError(`${input.path} needs an id`);
    }
    path = path.replace('{id}', encodeURIComponent(input.id));
  }
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (value !== undefined && value !== null) {
      search.append(name, String(value));
    }
  }
  const query = search.toString();
  return `${input.baseUrl}${path}${query === '' ? '' : `?${query}`}`;
}
