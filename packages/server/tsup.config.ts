import { defineConfig } from 'tsup';

// Dependencies stay dependencies: the packaging test proves they are declared.
const external = [
  /^@mikro-orm\//,
  /^@vaultcraft\//,
  'better-sqlite3',
  'pg',
  'fastify',
  'jose',
  'zod',
];

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external,
  },
  {
    // The bin is ESM only (it awaits at top level); nothing imports it.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    external,
  },
]);
