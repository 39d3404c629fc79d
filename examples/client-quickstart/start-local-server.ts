// A throwaway VaultCraft server for the quickstart: in this process, on a fresh SQLite file in
// a temporary directory, on a free loopback port, silent. A real deployment runs
// `npx @vaultcraft/server serve` instead and the client only needs its URL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, loadConfig } from '@vaultcraft/server';

/** The URL of a running server, and how to stop it and delete its data. */
export async function startLocalServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-client-quickstart-'));
  const config = await loadConfig(
    {
      DATABASE_URL: join(directory, 'vaultcraft.db'),
      PORT: '0',
      VAULTCRAFT_JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
    },
    { cwd: directory },
  );
  const server = await createServer({ config });
  const url = await server.listen();
  return {
    url,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
