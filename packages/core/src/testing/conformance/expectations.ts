// Assertions of the conformance suite: a VaultError of a given code, the exact fields of a
// VALIDATION_ERROR, and "a rejected operation writes nothing", checked on a snapshot of the
// organization's wallets, transactions and entry counts.
import { expect } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import type { ErrorCode } from '../../errors/registry.js';
import { isVaultError, type VaultError } from '../../errors/vault-error.js';
import { collectPages } from './harness.js';

/**
 * Expects `action` to fail with a VaultError of `code` (a rejected promise, or a function that
 * throws or rejects) and returns the error for further checks.
 */
export async function expectVaultError(
  action: Promise<unknown> | (() => unknown),
  code: ErrorCode,
): Promise<VaultError> {
  let value: unknown;
  try {
    value = await (typeof action === 'function' ? action() : action);
  } catch (error) {
    if (!isVaultError(error)) {
      throw new Error(`Expected a VaultError ${code}, got: ${String(error)}`, { cause: error });
    }
    expect(error.code, `${error.message} ${JSON.stringify(error.details)}`).toBe(code);
    expect(typeof error.details).toBe('object');
    return error;
  }
  return expect.fail(`Expected a VaultError ${code}, but the call succeeded: ${show(value)}`);
}

/** The paths of `details.fields` of a VALIDATION_ERROR, sorted. */
export function fieldPaths(error: VaultError): string[] {
  const fields: unknown = error.details.fields;
  expect(Array.isArray(fields), 'details.fields is an array').toBe(true);
  const paths = (fields as unknown[]).map((field) => {
    const path =
      typeof field === 'object' && field !== null ? (field as { path?: unknown }).path : undefined;
    expect(typeof path, 'every field issue has a string path').toBe('string');
    return String(path);
  });
  return paths.sort();
}

/** Expects a VALIDATION_ERROR whose fields are exactly `paths` (in any order). */
export async function expectValidationError(
  action: Promise<unknown> | (() => unknown),
  paths: readonly string[],
): Promise<VaultError> {
  const error = await expectVaultError(action, 'VALIDATION_ERROR');
  expect(fieldPaths(error)).toEqual([...paths].sort());
  return error;
}

/**
 * Everything a rejected operation must leave unchanged in an organization: every wallet's
 * status and balances, every transaction's status and amounts, every wallet's entry count.
 */
export async function ledgerSnapshot(organization: OrganizationScope): Promise<unknown> {
  const wallets = await collectPages((cursor) =>
    organization.wallets.list(cursor === undefined ? { pageSize: 100 } : { pageSize: 100, cursor }),
  );
  const transactions = await collectPages((cursor) =>
    organization.transactions.list(
      cursor === undefined ? { pageSize: 100 } : { pageSize: 100, cursor },
    ),
  );
  const entries: Record<string, number | null> = {};
  for (const wallet of wallets) {
    entries[wallet.id] = (await organization.wallets.entries(wallet.id, { pageSize: 1 })).total;
  }
  return {
    wallets: wallets
      .map((w) => ({
        id: w.id,
        status: w.status,
        balance: w.balance,
        available: w.availableBalance,
        updatedAt: w.updatedAt.toISOString(),
      }))
      .sort(byId),
    transactions: transactions
      .map((t) => ({
        id: t.id,
        status: t.status,
        amount: t.amount,
        reversed: t.reversedAmount,
        entries: t.entries.length,
      }))
      .sort(byId),
    entries,
  };
}

/** Runs `action`, expects it to fail with `code`, and expects the organization unchanged. */
export async function expectRejectedWithoutWrites(
  organization: OrganizationScope,
  action: () => Promise<unknown>,
  code: ErrorCode,
): Promise<VaultError> {
  const before = await ledgerSnapshot(organization);
  const error = await expectVaultError(action, code);
  expect(await ledgerSnapshot(organization), 'a rejected operation writes nothing').toEqual(before);
  return error;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 300) ?? String(value);
  } catch {
    return String(value);
  }
}
