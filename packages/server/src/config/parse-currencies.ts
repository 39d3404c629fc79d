import { CurrencyRegistry, defaultCurrencyRegistry, isVaultError } from '@vaultcraft/core';

const codePattern = /^[A-Z][A-Z0-9_]{1,15}$/;
const scaleMax = 18;
// Bounds the list (the engine's registry takes at most 1,000 custom assets as well).
const assetCountMax = 1000;

/** The custom assets of `VAULTCRAFT_CURRENCIES`, or why the value is not a list of them. */
export type CurrenciesResult =
  | { readonly ok: true; readonly currencies: Readonly<Record<string, number>> }
  | { readonly ok: false; readonly message: string };

/**
 * Reads `VAULTCRAFT_CURRENCIES`: comma-separated `CODE:scale` items (`POINTS:0,GOLD:4`), the
 * code matching `^[A-Z][A-Z0-9_]{1,15}$` and the scale an integer from 0 to 18. An ISO 4217
 * code is refused even with its own scale (the engine would accept it and change nothing, but
 * it is almost always a mistake), and so is a code given twice. The result is exactly what
 * `new CurrencyRegistry(customAssets)` takes, and building that registry is checked here.
 *
 * @example
 * ```ts
 * parseCurrencies('POINTS:0, GOLD:4'); // { ok: true, currencies: { POINTS: 0, GOLD: 4 } }
 * ```
 */
export function parseCurrencies(value: string | undefined): CurrenciesResult {
  const currencies: Record<string, number> = {};
  const items = value === undefined ? [] : value.split(',').map((item) => item.trim());
  if (items.length > assetCountMax) {
    return {
      ok: false,
      message: `declares ${items.length} assets; at most ${assetCountMax} are allowed`,
    };
  }
  for (const item of items) {
    const message = checkItem(item, currencies);
    if (message !== undefined) {
      return { ok: false, message };
    }
    const [code, scale] = item.split(':') as [string, string];
    currencies[code] = Number(scale);
  }
  try {
    new CurrencyRegistry(currencies);
  } catch (error) {
    // The checks above mirror the registry's; a disagreement is reported, not hidden.
    const reason = isVaultError(error) ? error.message : String(error);
    return { ok: false, message: `is refused by the currency registry: ${reason}` };
  }
  return { ok: true, currencies: Object.freeze(currencies) };
}

function checkItem(item: string, seen: Readonly<Record<string, number>>): string | undefined {
  const format = 'expected comma-separated CODE:scale items such as "POINTS:0,GOLD:4"';
  const parts = item.split(':');
  if (item === '' || parts.length !== 2) {
    return `has an item "${shorten(item)}" that is not CODE:scale; ${format}`;
  }
  const [code, scale] = parts as [string, string];
  if (!codePattern.test(code)) {
    return (
      `has the code "${shorten(code)}", which must be 2 to 16 upper-case letters, digits or _ ` +
      `starting with a letter (${codePattern.source})`
    );
  }
  if (!/^\d{1,2}$/.test(scale) || Number(scale) > scaleMax) {
    return `gives ${code} the scale "${shorten(scale)}"; a scale is an integer from 0 to ${scaleMax}`;
  }
  const iso = defaultCurrencyRegistry.find(code);
  if (iso !== undefined) {
    return `declares ${code}, which is an ISO 4217 currency (scale ${iso.scale}) and needs no declaration`;
  }
  if (Object.hasOwn(seen, code)) {
    return `declares ${code} twice`;
  }
  return undefined;
}

// A value quoted in a message is bounded: it may be long.
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
