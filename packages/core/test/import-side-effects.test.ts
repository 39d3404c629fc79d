// Proves that importing @vaultcraft/core starts nothing: a child process that imports every
// entry point has no timer, socket or handle left, and exits on its own.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const entry = (name: string) => fileURLToPath(new URL(`../src/${name}`, import.meta.url));

describe('importing the package', () => {
  it('opens no handle and leaves the process free to exit', async () => {
    const script = `
      await import(${JSON.stringify(entry('index.ts'))});
      await import(${JSON.stringify(entry('testing.ts'))});
      console.log(JSON.stringify(process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap')));
    `;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 30_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null')).toEqual([]);
  });
});
