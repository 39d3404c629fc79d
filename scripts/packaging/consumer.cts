// The packaging test's type check, CommonJS side: compiled with tsc (node16 resolution), so
// each import below is a `require` that must resolve to the .d.cts declarations.
import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { VaultCraft } from '@vaultcraft/client';
import { createMemoryStore, createVault, isVaultError } from '@vaultcraft/core';
import { serverVersion } from '@vaultcraft/server';

export async function embedded(path: string): Promise<string> {
  const vault = createVault({ store: await openSqliteStore({ path }) });
  const scratch = createVault({ store: createMemoryStore() });
  const { id } = await scratch.organizations.create({ name: 'Acme' });
  try {
    // @ts-expect-error amounts are decimal strings, never numbers
    await scratch.organization(id).transactions.deposit({ walletId: 'w', amount: 100 });
  } catch (error) {
    if (isVaultError(error)) return error.code;
  }
  await vault.close();
  return `${serverVersion} ${new VaultCraft({ baseUrl: 'http://127.0.0.1:1' }) !== undefined}`;
}
