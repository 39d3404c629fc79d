import { type Clock, systemClock } from '../ids/clock.js';
import { type IdGenerator, uuidV7Generator } from '../ids/uuid-v7-generator.js';
import { CurrencyRegistry } from '../money/currencies.js';
import type { LedgerStore } from '../store/ledger-store.js';
import { type LedgerReport, verifyLedger } from '../verify/verify-ledger.js';
import { EngineContext } from './engine-context.js';
import { OrganizationScope } from './organization-scope.js';
import { OrganizationsResource } from './organizations-resource.js';

/** Options of {@link createVault}. */
export interface VaultOptions {
  /** Where the ledger lives: `createMemoryStore()`, or a SQLite/PostgreSQL store from `@vaultcraft/adapters`. */
  readonly store: LedgerStore;
  /**
   * Custom assets with their scale (fraction digits), next to every ISO 4217 currency:
   * `{ BTC: 8, POINTS: 0 }`.
   */
  readonly currencies?: Readonly<Record<string, number>>;
  /** The clock (default: the system clock). Inject one for tests and reproducible examples. */
  readonly clock?: Clock;
  /**
   * The id generator (default: UUIDv7 from `clock`). It must return UUIDs (inputs naming a
   * row are validated as UUIDs, and the SQL stores keep ids in UUID columns), never the same
   * one twice, preferably time-ordered.
   */
  readonly ids?: IdGenerator;
}

/**
 * A ledger: organizations, and for each a tenant-scoped handle to its wallets and
 * transactions. Creating a vault connects to nothing by itself; the store does when it is
 * opened.
 */
export interface Vault {
  /** The organizations (tenants). */
  readonly organizations: OrganizationsResource;
  /** The currencies this vault accepts: ISO 4217 plus the declared custom assets. */
  readonly currencies: CurrencyRegistry;
  /** The store. */
  readonly store: LedgerStore;
  /** A handle confined to one organization. Cheap: create one per request if you like. */
  organization(organizationId: string): OrganizationScope;
  /** Checks every ledger invariant on the store and returns what it found. */
  verify(options?: { organizationId?: string }): Promise<LedgerReport>;
  /** Voids every hold whose expiry has passed; returns how many. Reads and writes also do this lazily. */
  expireHolds(): Promise<number>;
  /** Closes the store. */
  close(): Promise<void>;
}

/**
 * Creates a vault over a store.
 *
 * @example
 * ```ts
 * import { createMemoryStore, createVault } from '@vaultcraft/core';
 *
 * const vault = createVault({ store: createMemoryStore() });
 * const org = await vault.organizations.create({ name: 'Acme' });
 * const acme = vault.organization(org.id);
 * ```
 */
export function createVault(options: VaultOptions): Vault {
  const clock = options.clock ?? systemClock;
  const currencies = new CurrencyRegistry(options.currencies);
  const ids = options.ids ?? uuidV7Generator(() => clock().getTime());
  const context = new EngineContext(options.store, clock, ids, currencies);
  const organizations = new OrganizationsResource(context);
  return {
    organizations,
    currencies,
    store: options.store,
    organization: (organizationId) => new OrganizationScope(context, organizationId),
    verify: (verifyOptions = {}) => verifyLedger(options.store, verifyOptions),
    expireHolds: () => options.store.expireHolds(clock()),
    close: () => options.store.close(),
  };
}
