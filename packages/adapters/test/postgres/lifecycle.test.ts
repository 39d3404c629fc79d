// Proves that the store holds no resource it does not need: importing the entry point starts
// nothing, and a child process that opens the store, writes and closes it (or fails to open)
// ends by itself without process.exit, within a bound.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../postgres-test-database.js';

const child = fileURLToPath(new URL('./fixtures/lifecycle-child.ts', import.meta.url));

/** Runs the child; resolves with its exit code and output once it ends by itself. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      process_.kill('SIGKILL');
      reject(new Error(`the child did not end by itself within 30 s; output: ${stdout} ${stderr}`));
    }, 30_000);
    process_.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('store lifecycle across a process', () => {
  it('starts nothing on import', { timeout: 60_000 }, async () => {
    const result = await run(['import']);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: 'done import\n' });
  });

  it('lets the process end by itself after close()', { timeout: 60_000 }, async () => {
    database = await createTestDatabase(inject('postgresUrl'));
    const result = await run(['use', database.url]);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: 'done use\n' });
  });

  it('lets the process end by itself after a failed open', { timeout: 60_000 }, async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await run(['fail', `postgres://vault@127.0.0.1:${port}/vault`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^url: nothing accepts connections[^\n]*\ndone fail\n$/);
  });
});
