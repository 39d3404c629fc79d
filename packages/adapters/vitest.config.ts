import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'adapters',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Starts a throwaway PostgreSQL cluster (or uses VAULTCRAFT_TEST_DATABASE_URL) for the
    // whole run, and fails the run when neither is possible: PostgreSQL tests never skip.
    globalSetup: ['test/postgres-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
