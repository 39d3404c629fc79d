// One throwaway PostgreSQL cluster for the whole run (starting one takes seconds), with
// PostgreSQL's durability settings on (fsync, synchronous_commit): each group that needs
// PostgreSQL gets a fresh database of its own on it.
import pg from 'pg';
import {
  type PostgresCluster,
  startPostgresCluster,
} from '../packages/adapters/test/postgres-cluster.js';

let cluster: Promise<PostgresCluster> | undefined;

/**
 * Creates the database `name` on the run's cluster, starting the cluster on first use, and
 * returns its URL (as the `postgres` superuser).
 */
export async function createBenchDatabase(name: string): Promise<string> {
  cluster ??= startPostgresCluster({ durable: true, maxConnections: 200 });
  const { url } = await cluster;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return url.replace(/\/postgres$/, `/${name}`);
}

/** Stops the run's cluster, if one was started, and removes its files. */
export async function stopBenchCluster(): Promise<void> {
  const started = cluster;
  cluster = undefined;
  if (started !== undefined) await (await started).stop();
}
