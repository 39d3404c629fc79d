// Shared pieces of the end-to-end suites: one real server per test with an organization whose
// owner is signed up through the client, and small helpers to read failures and balances.
import { afterEach, beforeEach, expect } from 'vitest';
import { VaultCraft, type Wallet } from '../src/index.js';
import { type RunningServer, startServer } from './start-server.js';

/** The owner's credentials in every test organization. */
export const ownerLogin = { email: 'owner@example.com', password: 'correct horse battery' };

/** What a test of the suite works with; valid inside a test only. */
export interface E2eContext {
  readonly server: RunningServer;
  /** A client signed up as the OWNER of the organization `Acme`. */
  readonly owner: VaultCraft;
}

/** Registers hooks that start a fresh server and owner before each test and stop it after. */
export function serverPerTest(): E2eContext {
  const context: { server?: RunningServer; owner?: VaultCraft } = {};
  beforeEach(async () => {
    context.server = await startServer();
    context.owner = new VaultCraft({ baseUrl: context.server.url });
    await context.owner.auth.signup({
      ...ownerLogin,
      full_name: 'Ada Owner',
      organization_name: 'Acme',
    });
  });
  afterEach(async () => {
    await context.server?.close();
  });
  return {
    get server() {
      return context.server as RunningServer;
    },
    get owner() {
      return context.owner as VaultCraft;
    },
  };
}

/** The error a call fails with (the test fails if it succeeds). */
export function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.fail('the call should have failed'),
    (error: unknown) => error,
  );
}

/** A wallet's `[balance, available_balance]`. */
export async function balances(
  client: VaultCraft,
  wallet: Wallet,
): Promise<[string, string | null]> {
  const { balance, available_balance } = await client.wallets.balance(wallet.id);
  return [balance, available_balance];
}

/**
 * Alice's PRIMARY USD wallet funded with `deposit`, and Bob's: PRIMARY when `owners` names
 * its owner, else BONUS (both then belong to the caller, who may own one PRIMARY per currency).
 */
export async function twoWallets(
  client: VaultCraft,
  deposit: string,
  owners: { alice?: string; bob?: string } = {},
): Promise<{ alice: Wallet; bob: Wallet }> {
  const alice = await client.wallets.create({
    name: 'Alice',
    wallet_type: 'PRIMARY',
    currency: 'USD',
    ...(owners.alice !== undefined && { owner_id: owners.alice }),
  });
  const bob = await client.wallets.create({
    name: 'Bob',
    wallet_type: owners.bob === undefined ? 'BONUS' : 'PRIMARY',
    currency: 'USD',
    ...(owners.bob !== undefined && { owner_id: owners.bob }),
  });
  await client.transactions.deposit({ wallet_id: alice.id, amount: deposit });
  return { alice, bob };
}
