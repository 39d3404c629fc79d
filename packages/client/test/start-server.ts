// Starts the real VaultCraft server in-process for one end-to-end test: its own SQLite file
// in a fresh temporary directory, a random loopback port, logs silenced. The server is
// imported from its sources (not as a dependency: the server depends on this package).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/src/config/load-config.js';
import { createServer } from '../../server/src/create-server.js';

/** A running server: its URL and how to stop it (and delete its database). */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-client-e2e-'));
  try {
    const config = await loadConfig(
      {
        DATABASE_URL: join(directory, 'vaultcraft.db'),
        PORT: '0',
        HOST: '127.0.0.1',
        VAULTCRAFT_JWT_SECRET: 'client-e2e-secret-client-e2e-secret-0123456789',
        LOG_LEVEL: 'silent',
      },
      { cwd: directory },
    );
    const server = await createServer({ config });
    const url = await server.listen();
    return {
      url,
      async close() {
        try {
          await server.close();
        } finally {
          rmSync(directory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
