// Proves that docs/http-walkthrough.md tells the truth: every curl command of the page runs,
// in order, with the real `curl` binary against a fresh server (SQLite in a temporary
// directory), with the shell variables the page keeps ($TOKEN, $ALICE, ...) taken from the
// real earlier answers, and every answer is compared with the one the page shows (status line
// and shown headers when shown; the body exactly, ids, timestamps and tokens by format). The
// comparison itself is tested first, so that a comparer that accepts anything cannot pass.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../test-server.js';
import {
  compareAnswer,
  compareJson,
  type HttpAnswer,
  parseHttp,
  parseWalkthrough,
  readPath,
} from './walkthrough-steps.js';

const run = promisify(execFile);
const pagePath = join(import.meta.dirname, '../../../../docs/http-walkthrough.md');
/** Where the page's commands send their requests; the test's server is elsewhere. */
const pageHost = 'localhost:8000';

/** Runs one command of the page with bash, as a reader would, and parses what curl printed. */
async function runStep(
  command: string,
  host: string,
  variables: Readonly<Record<string, string>>,
  withHeaders: boolean,
): Promise<HttpAnswer> {
  const { stdout } = await run('bash', ['-c', command.replaceAll(pageHost, host)], {
    // Only what curl needs, and no proxy between it and the loopback server.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_PROXY: '*', no_proxy: '*', ...variables },
    timeout: 30_000,
  });
  return withHeaders ? parseHttp(stdout) : { headers: [], body: JSON.parse(stdout) };
}

describe('the walkthrough comparison', () => {
  const shown = { id: '<uuid>', wallet_id: '$ALICE', amount: '12.34', tags: ['a'] };
  const alice = '01a223f0-babd-7493-836f-efe9beb96dc5';

  it('accepts an answer that matches, placeholders by format and variables by value', () => {
    const real = {
      id: '01a223f0-bc6b-7132-8859-8661cc729a9c',
      wallet_id: alice,
      amount: '12.34',
      tags: ['a'],
    };
    expect(compareJson(shown, real, { ALICE: alice })).toEqual([]);
  });

  it('reports a wrong value, a wrong format, a missing, an extra field and a longer array', () => {
    const real = { id: 'not-a-uuid', wallet_id: 'someone-else', tags: ['a', 'b'], extra: 1 };
    expect(compareJson(shown, real, { ALICE: alice })).toEqual([
      '$.amount: missing',
      '$.extra: not shown on the page (1)',
      '$.id: expected <uuid>, got "not-a-uuid"',
      `$.wallet_id: expected "${alice}", got "someone-else"`,
      '$.tags: expected 1 items, got 2',
    ]);
  });

  it('checks the status line and the shown headers of an http answer', () => {
    const expected = parseHttp('HTTP/1.1 201 Created\nidempotent-replayed: true\n\n{}');
    const real = parseHttp('HTTP/1.1 400 Bad Request\r\nx-request-id: x\r\n\r\n{}');
    expect(compareAnswer(expected, real, {})).toEqual([
      'status: expected "HTTP/1.1 201 Created", got "HTTP/1.1 400 Bad Request"',
      'header idempotent-replayed: expected "true", got undefined',
    ]);
  });

  it('refuses a page whose curl command shows no answer', () => {
    expect(() => parseWalkthrough('```sh\ncurl -s localhost:8000/health\n```\n')).toThrow(
      /without a json or http answer/,
    );
  });
});

describe('docs/http-walkthrough.md', () => {
  it('answers every curl command with what the page shows', async () => {
    const steps = parseWalkthrough(readFileSync(pagePath, 'utf8'));
    // The page's sections: health, signup, login, wallets, deposit, transfer, balance,
    // history, errors, replay. Fewer steps means the parser lost some.
    expect(steps.length).toBeGreaterThanOrEqual(15);
    const server = await startTestServer('sqlite');
    try {
      const host = new URL(server.url).host;
      const variables: Record<string, string> = {};
      for (const step of steps) {
        const withHeaders = step.expected.statusLine !== undefined;
        const actual = await runStep(step.command, host, variables, withHeaders);
        const where = `docs/http-walkthrough.md:${step.line}: ${step.command.split('\n')[0]}`;
        expect(compareAnswer(step.expected, actual, variables), where).toEqual([]);
        for (const save of step.saves) {
          const value = readPath(actual.body, save.path);
          expect(typeof value, `${where}: ${save.name}=${save.path}`).toBe('string');
          variables[save.name] = value as string;
        }
      }
      expect(Object.keys(variables).sort()).toEqual([
        'ALICE',
        'BOB',
        'CURSOR',
        'TOKEN',
        'TRANSFER',
      ]);
    } finally {
      await server.close();
    }
  });
});
