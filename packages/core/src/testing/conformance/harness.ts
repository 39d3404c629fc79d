// The per-test fixture of the store conformance suite: a fresh store, a vault over it with a test
// clock, helpers to make organizations and funded wallets, and, after every test, a full
// `vault.verify()` that must find no violation before the store is destroyed.
import { afterEach, expect } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import type { Page, Wallet } from '../../engine/types.js';
import { createVault, type Vault } from '../../engine/vault.js';
import { isVaultError, type VaultError } from '../../errors/vault-error.js';
import type { LedgerStore } from '../../store/ledger-store.js';
import type { CreateWalletInput } from '../../validation/schemas.js';
import { createTestClock, type TestClock } from '../create-test-clock.js';
import type { StoreConformanceOptions } from '../describe-store-conformance.js';

/** What one test works with. */
export interface Fixture {
  readonly store: LedgerStore;
  readonly vault: Vault;
  readonly time: TestClock;
  /** Creates an organization and returns its scope. */
  organization(name?: string): Promise<OrganizationScope>;
  /**
   * Another engine over the same store and clock, with its own caches: what a second server
   * process sharing the database would be.
   */
  anotherVault(): Vault;
  /** Tells the harness the test closed the store: the closing verification is skipped. */
  markClosed(): void;
}

/** Settings of one fixture. */
export interface FixtureSettings {
  /** Custom assets, as in `createVault({ currencies })`. */
  readonly currencies?: Readonly<Record<string, number>>;
}

/** What every section of the suite receives. */
export interface Harness {
  /** The store's name, for test names. */
  readonly name: string;
  /** The multiplier of the heavier tests' sizes (1: the documented sizes, e.g. 64 concurrent transfers). */
  readonly scale: number;
  /** The timeout of the heavier tests, in milliseconds. */
  readonly heavyTimeoutMs: number;
  /** A fresh fixture for the current test; verified and destroyed after it. */
  setup(settings?: FixtureSettings): Promise<Fixture>;
}

interface Tracked {
  readonly store: LedgerStore;
  readonly vault: Vault;
  closed: boolean;
}

/**
 * Creates the harness and registers its `afterEach` hook; call it inside a `describe`.
 * Tests run one after the other, so the fixtures made since the last hook belong to the test
 * that just ended.
 */
export function createHarness(options: StoreConformanceOptions): Harness {
  const destroy = options.destroyStore ?? ((store: LedgerStore) => store.close());
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw new Error(`describeStoreConformance: scale must be a positive number, got ${scale}`);
  }
  let tracked: Tracked[] = [];

  afterEach(async () => {
    const ending = tracked;
    tracked = [];
    const failures: unknown[] = [];
    for (const fixture of ending) {
      try {
        if (!fixture.closed) {
          const report = await fixture.vault.verify();
          expect(report.violations, 'vault.verify() after the test').toEqual([]);
          expect(report.ok).toBe(true);
        }
      } catch (error) {
        failures.push(error);
      } finally {
        await destroy(fixture.store);
      }
    }
    if (failures.length > 0) throw failures[0];
  });

  return {
    name: options.name,
    scale,
    heavyTimeoutMs: Math.ceil(120_000 * Math.max(1, scale)),
    async setup(settings: FixtureSettings = {}): Promise<Fixture> {
      const store = await options.createStore();
      // An odd millisecond, so that a store that drops milliseconds fails the time checks.
      const time = createTestClock(clockStart);
      const make = () =>
        createVault({
          store,
          clock: time.clock,
          ...(settings.currencies && { currencies: settings.currencies }),
        });
      const vault = make();
      const entry: Tracked = { store, vault, closed: false };
      tracked.push(entry);
      let organizations = 0;
      return {
        store,
        vault,
        time,
        async organization(name?: string) {
          organizations += 1;
          const created = await vault.organizations.create({
            name: name ?? `Org ${organizations}`,
          });
          return vault.organization(created.id);
        },
        anotherVault: make,
        markClosed() {
          entry.closed = true;
        },
      };
    },
  };
}

/** Where every fixture's test clock starts. */
export const clockStart = '2026-03-04T05:06:07.089Z';

let ownerCounter = 0;

/** A fresh owner id, so that PRIMARY wallets of helpers never collide. */
export function freshOwner(prefix = 'owner'): string {
  ownerCounter += 1;
  return `${prefix}-${ownerCounter}`;
}

/** Creates a wallet (PRIMARY USD of a fresh owner unless told otherwise). */
export function createWallet(
  organization: OrganizationScope,
  input: Partial<CreateWalletInput> = {},
): Promise<Wallet> {
  const ownerId = input.ownerId ?? freshOwner();
  return organization.wallets.create({
    name: `Wallet of ${ownerId}`,
    walletType: 'PRIMARY',
    currency: 'USD',
    ...input,
    ownerId,
  });
}

/** Creates a wallet and deposits `amount` into it (nothing for `'0'`). */
export async function fundedWallet(
  organization: OrganizationScope,
  amount: string,
  input: Partial<CreateWalletInput> = {},
): Promise<Wallet> {
  const wallet = await createWallet(organization, input);
  if (/^0*(\.0*)?$/.test(amount)) return wallet;
  await organization.transactions.deposit({ walletId: wallet.id, amount });
  return organization.wallets.retrieve(wallet.id);
}

/** Walks a list page by page through `nextCursor` and returns every item in order. */
export async function collectPages<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  pagesMax = 10_000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < pagesMax; pages += 1) {
    const page = await fetch(cursor);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
  throw new Error(`collectPages: more than ${pagesMax} pages; is nextCursor ever null?`);
}

/** A decimal string with exactly the currency's scale, as minor units (`'-1.50'` -> `-150n`). */
export function minor(amount: string): bigint {
  expect(amount).toMatch(/^-?\d+(\.\d+)?$/);
  return BigInt(amount.replace('.', ''));
}

/** A pattern matching an output amount with exactly `scale` fraction digits. */
export function scalePattern(scale: number): RegExp {
  return scale === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${scale}}$`);
}

/** The organization's default SYSTEM wallet of a currency (after a first deposit made it). */
export async function systemWallet(
  organization: OrganizationScope,
  currency = 'USD',
): Promise<Wallet> {
  const page = await organization.wallets.list({ walletType: 'SYSTEM', currency });
  expect(page.items).toHaveLength(1);
  return page.items[0]!;
}

/** A random (v4) UUID that names nothing. */
export function unknownId(): string {
  return globalThis.crypto.randomUUID();
}

/** A small deterministic random generator (mulberry32), so that failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Settles every promise and splits fulfilled values from rejection reasons, in input order. */
export async function settle<T>(
  promises: readonly Promise<T>[],
): Promise<{ values: T[]; errors: VaultError[]; outcomes: (T | VaultError)[] }> {
  const results = await Promise.allSettled(promises);
  const values: T[] = [];
  const errors: VaultError[] = [];
  const outcomes: (T | VaultError)[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') {
      values.push(result.value);
      outcomes.push(result.value);
    } else {
      if (!isVaultError(result.reason)) throw result.reason;
      errors.push(result.reason);
      outcomes.push(result.reason);
    }
  }
  return { values, errors, outcomes };
}
