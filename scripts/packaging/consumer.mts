// The packaging test's type check, ESM side: compiled with tsc (node16 and bundler resolution)
// against the installed packages. Each import must resolve to real declarations: if a type
// silently became `any`, the expected errors marked below would go missing and fail the build.
import type { PostgresStoreOptions } from '@vaultcraft/adapters/postgres';
import { openSqliteStore, type SqliteStoreOptions } from '@vaultcraft/adapters/sqlite';
import { isVaultCraftError, VaultCraft } from '@vaultcraft/client';
import { endpoints } from '@vaultcraft/client/contract';
import { createMemoryStore, createVault, isVaultError, type Vault } from '@vaultcraft/core';
import type { describeStoreConformance } from '@vaultcraft/core/testing';
import { createServer, loadConfig, serverVersion } from '@vaultcraft/server';

const sqliteOptions: SqliteStoreOptions = { path: './ledger.sqlite', synchronous: 'FULL' };
const postgresOptions: PostgresStoreOptions | undefined = undefined;
export const conformance: typeof describeStoreConformance | undefined = undefined;

/** A balance is a decimal string, never a number. */
export async function balanceOf(vault: Vault, organizationId: string, walletId: string) {
  const balance: string = (await vault.organization(organizationId).wallets.balance(walletId))
    .balance;
  return balance;
}

export async function embedded(): Promise<string> {
  const memory = createVault({ store: createMemoryStore() });
  const onDisk = createVault({ store: await openSqliteStore(sqliteOptions) });
  const { id } = await memory.organizations.create({ name: 'Acme' });
  try {
    // @ts-expect-error amounts are decimal strings, never numbers
    await memory.organization(id).transactions.deposit({ walletId: 'w', amount: 100 });
  } catch (error) {
    if (isVaultError(error)) return error.code;
  }
  await onDisk.close();
  return `${postgresOptions === undefined}`;
}

export async function overHttp(baseUrl: string): Promise<string> {
  const client = new VaultCraft({ baseUrl });
  const { balance } = await client.wallets.balance('wallet-id').catch((error: unknown) => {
    if (isVaultCraftError(error)) return { balance: error.code };
    throw error;
  });
  // @ts-expect-error the client has no such resource
  client.nothing;
  return `${balance} ${Object.keys(endpoints).length}`;
}

export async function serve(): Promise<string> {
  const server = await createServer({ config: await loadConfig({ PORT: '0' }) });
  const url: string = await server.listen();
  await server.close();
  return `${serverVersion} ${url}`;
}
