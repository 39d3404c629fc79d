import { ConfigurationError, ValidationError } from '../errors/vault-error.js';
import { iso4217Currencies } from './iso-4217-currencies.js';

/**
 * A currency or custom asset: its code and its scale (the number of fraction digits of an
 * amount, ISO 4217's "minor units").
 *
 * @example
 * ```ts
 * const usd: Currency = defaultCurrencyRegistry.get('USD');
 * usd.scale; // 2
 * ```
 */
export interface Currency {
  /** The code, upper case: `USD`, `JPY`, or a custom asset such as `BTC` or `GEM_POINTS`. */
  readonly code: string;
  /** Fraction digits of an amount: 2 for USD, 0 for JPY, 3 for KWD, 0..18 for a custom asset. */
  readonly scale: number;
  /** The ISO 4217 name; for a custom asset, its code. */
  readonly name: string;
  /** Whether this is a custom asset declared by the installation rather than an ISO 4217 code. */
  readonly custom: boolean;
}

const customCodePattern = /^[A-Z][A-Z0-9_]{1,15}$/;
const customScaleMax = 18;
// Bounds the registry's size: an installation declares a handful of assets, not thousands.
const customAssetCountMax = 1000;

const isoCurrencies: ReadonlyMap<string, Currency> = new Map(
  iso4217Currencies.map(([code, scale, name]) => [
    code,
    Object.freeze({ code, scale, name, custom: false }),
  ]),
);

/**
 * The currencies one installation accepts: every active ISO 4217 code plus the custom assets
 * it declares. Codes are case-sensitive (`usd` is not `USD`), so stored and sent codes stay
 * canonical.
 *
 * @throws ConfigurationError (`CONFIGURATION_ERROR`, setting `currencies`) when a custom asset
 *   has a bad code or scale, or redeclares an ISO 4217 code with a different scale.
 *
 * @example
 * ```ts
 * const registry = new CurrencyRegistry({ BTC: 8, GEM_POINTS: 0 });
 * registry.get('BTC').scale; // 8
 * registry.get('EUR').scale; // 2
 * registry.has('DOGE'); // false
 * ```
 */
export class CurrencyRegistry {
  readonly #byCode: ReadonlyMap<string, Currency>;
  readonly #sorted: readonly Currency[];

  /**
   * @param customAssets - Custom asset codes (`^[A-Z][A-Z0-9_]{1,15}$`) mapped to their scale,
   *   an integer 0..18. Declaring an ISO 4217 code with its own scale is allowed and changes
   *   nothing.
   */
  constructor(customAssets: Readonly<Record<string, number>> = {}) {
    const byCode = new Map(isoCurrencies);
    for (const [code, scale] of customEntries(customAssets)) {
      const iso = isoCurrencies.get(code);
      if (iso) {
        if (iso.scale !== scale) {
          throw new ConfigurationError(
            'currencies',
            `${code} is an ISO 4217 currency with scale ${iso.scale}; it cannot be declared with scale ${scale}`,
            { details: { code, scale, iso_scale: iso.scale } },
          );
        }
        continue;
      }
      byCode.set(code, Object.freeze({ code, scale, name: code, custom: true }));
    }
    this.#byCode = byCode;
    this.#sorted = Object.freeze(
      [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    );
  }

  /**
   * The currency with this code, or `undefined`.
   *
   * @example
   * ```ts
   * defaultCurrencyRegistry.find('JPY')?.scale; // 0
   * defaultCurrencyRegistry.find('usd'); // undefined: codes are upper case
   * ```
   */
  find(code: string): Currency | undefined {
    return this.#byCode.get(code);
  }

  /**
   * The currency with this code.
   *
   * @param path - The field named in the error (`currency`, `wallets.2.currency`).
   * @throws ValidationError (`VALIDATION_ERROR`) when the code is not a string or is unknown.
   *
   * @example
   * ```ts
   * const kwd = defaultCurrencyRegistry.get('KWD'); // { code: 'KWD', scale: 3, ... }
   * ```
   */
  get(code: string, path = 'currency'): Currency {
    const currency = typeof code === 'string' ? this.#byCode.get(code) : undefined;
    if (currency) {
      return currency;
    }
    if (typeof code !== 'string') {
      throw new ValidationError([{ path, message: 'must be a currency code such as "USD"' }]);
    }
    // Quote a bounded prefix only: the code comes from the caller and may be huge.
    const shown = code.length > 32 ? `${code.slice(0, 32)}...` : code;
    throw new ValidationError([
      {
        path,
        message: `unknown currency "${shown}"; use an ISO 4217 code or declare a custom asset`,
      },
    ]);
  }

  /**
   * A currency given either as a {@link Currency} (returned as is once its shape is checked)
   * or as a code looked up with {@link CurrencyRegistry.get}.
   *
   * @throws ValidationError (`VALIDATION_ERROR`) at `path`.
   *
   * @example
   * ```ts
   * defaultCurrencyRegistry.resolve('USD', 'currency').scale; // 2
   * ```
   */
  resolve(currency: Currency | string, path: string): Currency {
    if (typeof currency === 'string') {
      return this.get(currency, path);
    }
    const valid =
      typeof currency === 'object' &&
      currency !== null &&
      typeof currency.code === 'string' &&
      Number.isInteger(currency.scale) &&
      currency.scale >= 0 &&
      currency.scale <= customScaleMax;
    if (!valid) {
      throw new ValidationError([{ path, message: 'must be a currency code such as "USD"' }]);
    }
    return currency;
  }

  /**
   * Whether this registry knows the code.
   *
   * @example
   * ```ts
   * defaultCurrencyRegistry.has('EUR'); // true
   * ```
   */
  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  /**
   * Every currency of this registry, sorted by code.
   *
   * @example
   * ```ts
   * const codes = defaultCurrencyRegistry.list().map((currency) => currency.code);
   * ```
   */
  list(): Currency[] {
    return [...this.#sorted];
  }
}

function customEntries(customAssets: unknown): [string, number][] {
  if (typeof customAssets !== 'object' || customAssets === null || Array.isArray(customAssets)) {
    throw new ConfigurationError('currencies', 'custom assets must be an object of code -> scale');
  }
  const entries = Object.entries(customAssets);
  if (entries.length > customAssetCountMax) {
    throw new ConfigurationError(
      'currencies',
      `at most ${customAssetCountMax} custom assets may be declared (got ${entries.length})`,
    );
  }
  const valid: [string, number][] = [];
  for (const [code, scale] of entries as [string, unknown][]) {
    if (!customCodePattern.test(code)) {
      throw new ConfigurationError(
        'currencies',
        `custom asset code "${code}" must match ${customCodePattern.source} (upper case letters, digits and _, 2 to 16 characters)`,
        { details: { code } },
      );
    }
    if (
      typeof scale !== 'number' ||
      !Number.isInteger(scale) ||
      scale < 0 ||
      scale > customScaleMax
    ) {
      throw new ConfigurationError(
        'currencies',
        `custom asset ${code} must have an integer scale from 0 to ${customScaleMax} (got ${String(scale)})`,
        { details: { code } },
      );
    }
    valid.push([code, scale]);
  }
  return valid;
}

/**
 * The registry of the active ISO 4217 currencies, with no custom assets.
 *
 * @example
 * ```ts
 * defaultCurrencyRegistry.get('USD').scale; // 2
 * ```
 */
export const defaultCurrencyRegistry: CurrencyRegistry = new CurrencyRegistry();
