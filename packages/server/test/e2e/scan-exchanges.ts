// The scan every end-to-end suite runs after each test, over everything its servers answered
// and logged: no 500, and no secret where it does not belong.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestResponse } from '../test-server.js';
import type { RecordingServer } from './e2e-harness.js';

/** Every secret the exchanges of a server carried: passwords, tokens, API keys, key hashes. */
function secretsOf(server: RecordingServer): Set<string> {
  const secrets = new Set<string>();
  const add = (secret: unknown) => {
    // Short strings (a 3-letter "password" of a validation test) would match by accident.
    if (typeof secret === 'string' && secret.length >= 8) secrets.add(secret);
  };
  for (const { options, response } of server.exchanges) {
    add((options.body as { password?: unknown } | undefined)?.password);
    add(options.token);
    add(options.headers?.authorization?.replace(/^\S+\s+/, ''));
    add(response.body?.access_token);
    if (typeof response.body?.key === 'string') {
      add(response.body.key);
      add(createHash('sha256').update(response.body.key).digest('hex'));
    }
  }
  return secrets;
}

/** Whether `response` is one that hands `secret` out (a token or a new API key). */
function issues(response: TestResponse, secret: string): boolean {
  return response.body?.access_token === secret || response.body?.key === secret;
}

/**
 * Checks every exchange and log line of `servers`: no answer is a 500, and no answer or log
 * line shows a password, a token, an API key, an API key's hash or a password hash, except the
 * answer that hands that token or key out. Error codes seen are added to `seenCodes`.
 */
export function scanExchanges(
  servers: readonly RecordingServer[],
  seenCodes: Set<string> = new Set(),
): void {
  for (const server of servers) {
    const secrets = secretsOf(server);
    for (const { method, path, response } of server.exchanges) {
      expect(response.status, `${method} ${path}: ${response.text}`).not.toBe(500);
      if (typeof response.body?.error?.code === 'string') seenCodes.add(response.body.error.code);
      expect(response.text).not.toMatch(/scrypt\$/);
      for (const secret of secrets) {
        if (!issues(response, secret)) {
          expect(response.text.includes(secret), `${method} ${path} shows a secret`).toBe(false);
        }
      }
    }
    for (const line of server.logs) {
      expect(line).not.toMatch(/scrypt\$/);
      for (const secret of secrets) {
        expect(line.includes(secret), `a log line shows a secret: ${line}`).toBe(false);
      }
    }
  }
}
