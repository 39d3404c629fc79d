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
    // Compare the process's handles before and after the imports: the loader and the piped
    // stdio have their own, which are not ours.
    const script = `
      const before = process.getActiveResourcesInfo().sort();
      await import(${JSON.stringify(entry('index.ts'))});
      await import(${JSON.stringify(entry('testing.ts'))});
      await new Promise((resolve) => setImmediate(resolve));
      const after = process.getActiveResourcesInfo().sort();
      console.log(JSON.stringify({ before, after }));
    `;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        timeout: 30_000,
      },
    );
    const { before, after } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    // Nothing new: every handle alive after the imports was already there before them.
    const added = [...after];
    for (const handle of before) {
      const index = added.indexOf(handle);
      if (index >= 0) added.splice(index, 1);
    }
    expect(added).toEqual([]);
  });
});
