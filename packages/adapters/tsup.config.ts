import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { sqlite: 'src/sqlite.ts', postgres: 'src/postgres.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Drivers and the ORM stay dependencies: never bundle them.
  external: [/^@mikro-orm\//, 'better-sqlite3', 'pg', '@vaultcraft/core'],
});
