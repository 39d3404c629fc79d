// Vitest global setup: one PostgreSQL server for the whole test run. Uses
// VAULTCRAFT_TEST_DATABASE_URL when set, otherwise starts a throwaway cluster; tests create their
// own database or schema on it (see postgres-test-database.ts), so order never matters.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test PostgreSQL server. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.VAULTCRAFT_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return async () => {};
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
