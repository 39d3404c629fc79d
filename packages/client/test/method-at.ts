// Finds a client method by its path (`transactions.withdraw`), for the tests that check every
// endpoint of the contract has one.
import type { VaultCraft } from '../src/index.js';

/** The function at `path` of `client`, bound to its resource; `undefined` when there is none. */
export function methodAt(
  client: VaultCraft,
  path: string,
): ((...args: unknown[]) => unknown) | undefined {
  const names = path.split('.');
  const methodName = names.pop() as string;
  let owner: unknown = client;
  for (const name of names) owner = (owner as Record<string, unknown> | undefined)?.[name];
  const method = (owner as Record<string, unknown> | undefined)?.[methodName];
  return typeof method === 'function' ? method.bind(owner) : undefined;
}
