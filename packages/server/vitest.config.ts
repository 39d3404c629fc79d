import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The same throwaway PostgreSQL cluster as the adapters' tests (or
    // VAULTCRAFT_TEST_DATABASE_URL); a run without PostgreSQL fails instead of skipping.
    globalSetup: ['../adapters/test/postgres-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
