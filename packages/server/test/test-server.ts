// Starts a real VaultCraft server for one test: its own SQLite file in a temporary directory,
// or its own PostgreSQL database on the test cluster, listening on a random loopback port,
// with its log lines captured. Tests talk to it over real HTTP with fetch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Clock } from '@vaultcraft/core';
import { inject } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../adapters/test/postgres-test-database.js';
import { loadConfig } from '../src/config/load-config.js';
import { createServer, type VaultCraftServer } from '../src/create-server.js';

/** Where the ledger lives in a test. */
export type Backend = 'sqlite' | 'postgres';

/** The answer to one request. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (`undefined` when empty or not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
  readonly body: any;
}

/** Options of one request. */
export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is instead of JSON of `body`. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/** A running server and a way to call it. */
export interface TestServer {
  readonly url: string;
  readonly server: VaultCraftServer;
  /** Every log line written so far. */
  readonly logs: string[];
  /** The database URL the server uses (a SQLite path or a PostgreSQL URL). */
  readonly databaseUrl: string;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

/** A JWT secret for tests (at least 32 characters). */
export const testJwtSecret = 'test-secret-test-secret-test-secret-0123456789';

/** Starts a server on a fresh database of `backend`. `env` overrides configuration variables. */
export async function startTestServer(
  backend: Backend,
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-server-test-'));
  let database: TestDatabase | undefined;
  let databaseUrl: string;
  if (backend === 'sqlite') {
    databaseUrl = join(directory, 'vaultcraft.db');
  } else {
    database = await createTestDatabase(inject('postgresUrl'));
    databaseUrl = database.url;
  }
  const config = await loadConfig(
    {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      VAULTCRAFT_JWT_SECRET: testJwtSecret,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    { cwd: directory },
  );
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const server = await createServer({
    config,
    log: { stream },
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  const url = await server.listen();
  let closed = false;
  return {
    url,
    server,
    logs,
    databaseUrl,
    async request(method, path, requestOptions = {}) {
      const headers: Record<string, string> = { ...requestOptions.headers };
      if (requestOptions.token !== undefined) {
        headers.authorization = `Bearer ${requestOptions.token}`;
      }
      let body: string | undefined = requestOptions.rawBody;
      if (body === undefined && requestOptions.body !== undefined) {
        body = JSON.stringify(requestOptions.body);
      }
      if (body !== undefined && headers['content-type'] === undefined) {
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, text, body: parsed };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await server.close();
      } finally {
        await database?.drop();
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

/** Signs up a new organization with a random email; returns its owner's token and ids. */
export async function signup(
  server: TestServer,
  name = 'Acme',
): Promise<{ token: string; userId: string; organizationId: string; email: string }> {
  const email = `owner-${Math.random().toString(36).slice(2)}@example.com`;
  const response = await server.request('POST', '/api/v1/auth/signup', {
    body: { email, password: 'correct horse battery', full_name: 'Owner', organization_name: name },
  });
  if (response.status !== 201) {
    throw new Error(`signup failed: ${response.status} ${response.text}`);
  }
  return {
    token: response.body.access_token,
    userId: response.body.user.id,
    organizationId: response.body.user.organization_id,
    email,
  };
}
