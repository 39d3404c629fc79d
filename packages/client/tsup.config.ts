import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The version goes into the bundle as a string: importing package.json would inline all of it.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: { index: 'src/index.ts', contract: 'src/contract.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // The client runs wherever standard fetch exists (browsers, Deno, Bun, edge), not only Node.
  target: 'es2022',
  platform: 'neutral',
  external: ['zod'],
  define: { __VAULTCRAFT_CLIENT_VERSION__: JSON.stringify(version) },
});
