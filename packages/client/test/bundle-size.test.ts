// Proves the client stays small: it bundles the ESM entry (`src/index.ts`) minified, with zod
// external as it is for users, and fails when the result exceeds the budget. Raise the budget
// only with a reason (a feature that must ship in the entry), never to make a test pass.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'tsup';
import { afterAll, expect, it } from 'vitest';

/** Minified bytes of the ESM entry without zod (28.1 kB at 0.1.0, 8.6 kB gzipped). */
const entryBytesMax = 36 * 1024;

const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-client-size-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

it(`the minified ESM entry, zod excluded, is at most ${entryBytesMax / 1024} kB`, async () => {
  await build({
    config: false,
    entry: { index: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    format: ['esm'],
    // The same name whatever the package.json of the directory vitest runs in says.
    outExtension: () => ({ js: '.js' }),
    outDir: directory,
    minify: true,
    splitting: false,
    platform: 'neutral',
    target: 'es2022',
    external: ['zod'],
    silent: true,
    dts: false,
    sourcemap: false,
  });
  const code = readFileSync(join(directory, 'index.js'));
  const gzipped = gzipSync(code).length;
  console.log(`client entry: ${code.length} bytes minified, ${gzipped} bytes gzipped`);
  expect(code.toString()).toContain('from"zod"');
  expect(code.length).toBeLessThanOrEqual(entryBytesMax);
}, 60_000);
