import { resolve } from 'node:path';
import type { DatabaseConfig } from './server-config.js';

/** The SQLite file used when `DATABASE_URL` is not set, relative to the working directory. */
export const defaultSqlitePath = './data/vaultcraft.db';

const expected =
  'expected a SQLite file path, sqlite:<path>, sqlite://<path>, file:<path>, ' +
  'or a postgres:// or postgresql:// URL';

// A scheme is two or more characters, so that a Windows drive letter (`C:\data\x.db`) stays a
// path.
const schemePattern = /^([A-Za-z][A-Za-z0-9+.-]+):/;

/** The result of reading `DATABASE_URL`: a database, or why the value is not one. */
export type DatabaseUrlResult =
  | { readonly ok: true; readonly database: DatabaseConfig }
  | { readonly ok: false; readonly message: string };

/**
 * Reads `DATABASE_URL`: a SQLite file (a plain path or `sqlite:`/`sqlite://`/`file:` followed
 * by the path, resolved against `cwd`; `:memory:` stays as is) or a PostgreSQL URL (kept as
 * given). Every other scheme (`mysql://`, `http://`) is refused. Messages never quote a URL,
 * which may hold a password; they name its scheme only.
 *
 * @example
 * ```ts
 * parseDatabaseUrl({ value: 'sqlite:./x.db', cwd: '/srv' }); // { ok: true, database: { kind: 'sqlite', path: '/srv/x.db' } }
 * ```
 */
export function parseDatabaseUrl(options: {
  value: string | undefined;
  cwd: string;
}): DatabaseUrlResult {
  const value = options.value ?? defaultSqlitePath;
  if (value.includes('\0')) {
    return { ok: false, message: `must not contain a NUL character; ${expected}` };
  }
  const scheme = schemePattern.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    return parsePostgresUrl(value);
  }
  if (scheme === undefined) {
    return sqlitePath(value, options.cwd);
  }
  if (scheme === 'sqlite' || scheme === 'file') {
    const rest = value.slice(scheme.length + 1);
    // `sqlite://<path>` drops the two slashes; `file:` keeps them, so `file:///srv/x.db` is the
    // absolute file URL it looks like (extra leading slashes collapse when resolved).
    return sqlitePath(
      scheme === 'sqlite' && rest.startsWith('//') ? rest.slice(2) : rest,
      options.cwd,
    );
  }
  return { ok: false, message: `the database scheme "${scheme}:" is not supported; ${expected}` };
}

function sqlitePath(path: string, cwd: string): DatabaseUrlResult {
  if (path.length === 0) {
    return { ok: false, message: `names no SQLite file; ${expected}` };
  }
  const resolved = path === ':memory:' ? path : resolve(cwd, path);
  return { ok: true, database: { kind: 'sqlite', path: resolved } };
}

function parsePostgresUrl(value: string): DatabaseUrlResult {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      ok: false,
      message:
        'is not a valid PostgreSQL URL; expected postgres://user:password@host:5432/database ' +
        '(percent-encode special characters of the password)',
    };
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    return {
      ok: false,
      message: 'names no PostgreSQL host; expected postgres://user:password@host:5432/database',
    };
  }
  return { ok: true, database: { kind: 'postgres', url: value } };
}
