// Proves the currency table and registry rules: ISO scales, excluded N.A. codes, custom asset validation on both sides of each limit, and lookup errors, by direct calls.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, isVaultError, ValidationError } from '../errors/vault-error.js';
import { CurrencyRegistry, defaultCurrencyRegistry } from './currencies.js';
import { iso4217Currencies } from './iso-4217-currencies.js';

function configurationErrorOf(action: () => unknown): ConfigurationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const configurationError = error as ConfigurationError;
    expect(configurationError.code).toBe('CONFIGURATION_ERROR');
    expect(configurationError.setting).toBe('currencies');
    return configurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('ISO 4217 table', () => {
  it.each([
    ['USD', 2, 'US Dollar'],
    ['EUR', 2, 'Euro'],
    ['GBP', 2, 'Pound Sterling'],
    ['JPY', 0, 'Yen'],
    ['KRW', 0, 'Won'],
    ['CLP', 0, 'Chilean Peso'],
    ['KWD', 3, 'Kuwaiti Dinar'],
    ['BHD', 3, 'Bahraini Dinar'],
    ['JOD', 3, 'Jordanian Dinar'],
    ['OMR', 3, 'Rial Omani'],
    ['TND', 3, 'Tunisian Dinar'],
    ['IQD', 3, 'Iraqi Dinar'],
    ['LYD', 3, 'Libyan Dinar'],
    ['CLF', 4, 'Unidad de Fomento'],
    ['UYW', 4, 'Unidad Previsional'],
    ['UYI', 0, 'Uruguay Peso en Unidades Indexadas (UI)'],
    ['XCG', 2, 'Caribbean Guilder'],
    ['ZWG', 2, 'Zimbabwe Gold'],
    ['SLE', 2, 'Leone'],
  ])('%s has scale %i', (code, scale, name) => {
    expect(defaultCurrencyRegistry.get(code)).toEqual({ code, scale, name, custom: false });
  });

  it.each([
    'XAU',
    'XAG',
    'XPD',
    'XPT',
    'XDR',
    'XBA',
    'XBB',
    'XBC',
    'XBD',
    'XSU',
    'XUA',
    'XTS',
    'XXX',
  ])('leaves out %s, whose minor unit ISO lists as N.A.', (code) => {
    expect(defaultCurrencyRegistry.has(code)).toBe(false);
  });

  it.each(['ANG', 'BGN', 'CUC', 'HRK', 'SLL', 'ZWL', 'VEF', 'MRO', 'STD'])(
    'leaves out the withdrawn code %s',
    (code) => {
      expect(defaultCurrencyRegistry.find(code)).toBeUndefined();
    },
  );

  it('has unique three-letter codes, sorted, each with a scale of 0..4 and a name', () => {
    const codes = iso4217Currencies.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const [code, scale, name] of iso4217Currencies) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(scale);
      expect(name.length).toBeGreaterThan(0);
    }
    expect(codes.length).toBe(165);
  });
});

describe('CurrencyRegistry lookups', () => {
  it('lists every currency sorted by code, as a fresh array', () => {
    const list = defaultCurrencyRegistry.list();
    expect(list.map((c) => c.code)).toEqual(iso4217Currencies.map(([code]) => code));
    list.pop();
    expect(defaultCurrencyRegistry.list().length).toBe(165);
  });

  it('returns frozen currencies', () => {
    expect(Object.isFrozen(defaultCurrencyRegistry.get('USD'))).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(defaultCurrencyRegistry.has('usd')).toBe(false);
    expect(defaultCurrencyRegistry.find('Usd')).toBeUndefined();
  });

  it('rejects an unknown code with VALIDATION_ERROR at the given path', () => {
    expect(() => defaultCurrencyRegistry.get('XYZ')).toThrow(ValidationError);
    try {
      defaultCurrencyRegistry.get('XYZ', 'wallets.2.currency');
      expect.unreachable();
    } catch (error) {
      expect(isVaultError(error) && error.code).toBe('VALIDATION_ERROR');
      expect((error as ValidationError).fields).toEqual([
        {
          path: 'wallets.2.currency',
          message: 'unknown currency "XYZ"; use an ISO 4217 code or declare a custom asset',
        },
      ]);
    }
    expect(() => defaultCurrencyRegistry.get('usd')).toThrow(/unknown currency "usd"/);
  });

  it('defaults the path to currency and shortens a huge code in the message', () => {
    try {
      defaultCurrencyRegistry.get('A'.repeat(10_000));
      expect.unreachable();
    } catch (error) {
      const [field] = (error as ValidationError).fields;
      expect(field?.path).toBe('currency');
      expect(field?.message.length).toBeLessThan(120);
    }
  });

  it('rejects a code that is not a string', () => {
    // @ts-expect-error: a number is not a code
    expect(() => defaultCurrencyRegistry.get(840)).toThrow(/must be a currency code/);
  });

  it('resolves a code or a Currency, and rejects a malformed Currency', () => {
    const usd = defaultCurrencyRegistry.get('USD');
    expect(defaultCurrencyRegistry.resolve('USD', 'currency')).toBe(usd);
    expect(defaultCurrencyRegistry.resolve(usd, 'currency')).toBe(usd);
    const bad = { code: 'USD', scale: 2.5, name: 'x', custom: false };
    expect(() => defaultCurrencyRegistry.resolve(bad, 'to')).toThrow(ValidationError);
  });
});

describe('custom assets', () => {
  it('adds custom assets next to the ISO codes, with their code as name', () => {
    const registry = new CurrencyRegistry({ BTC: 8, GEM_POINTS: 0, TOKEN18: 18 });
    expect(registry.get('BTC')).toEqual({ code: 'BTC', scale: 8, name: 'BTC', custom: true });
    expect(registry.get('GEM_POINTS').scale).toBe(0);
    expect(registry.get('TOKEN18').scale).toBe(18);
    expect(registry.get('USD').custom).toBe(false);
    expect(registry.list().length).toBe(168);
    expect(defaultCurrencyRegistry.has('BTC')).toBe(false);
  });

  it('accepts an ISO code redeclared with its own scale, and keeps it an ISO currency', () => {
    const registry = new CurrencyRegistry({ USD: 2, JPY: 0 });
    expect(registry.get('USD')).toBe(defaultCurrencyRegistry.get('USD'));
  });

  it('rejects an ISO code redeclared with another scale', () => {
    const error = configurationErrorOf(() => new CurrencyRegistry({ JPY: 2 }));
    expect(error.message).toMatch(/JPY is an ISO 4217 currency with scale 0/);
  });

  it.each(['AB', 'A'.repeat(16), 'A1', 'B_2'])('accepts the code %s', (code) => {
    expect(new CurrencyRegistry({ [code]: 2 }).has(code)).toBe(true);
  });

  it.each(['A', 'A'.repeat(17), 'btc', '1BTC', '_BTC', 'BT-C', 'BT C', ''])(
    'rejects the code "%s"',
    (code) => {
      configurationErrorOf(() => new CurrencyRegistry({ [code]: 2 }));
    },
  );

  it.each([0, 18])('accepts scale %i', (scale) => {
    expect(new CurrencyRegistry({ PTS: scale }).get('PTS').scale).toBe(scale);
  });

  it.each([-1, 19, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects scale %d', (scale) => {
    configurationErrorOf(() => new CurrencyRegistry({ PTS: scale }));
  });

  it('rejects a scale given as a string, and custom assets that are not an object', () => {
    // @ts-expect-error: the scale must be a number
    configurationErrorOf(() => new CurrencyRegistry({ PTS: '2' }));
    // @ts-expect-error: custom assets are an object
    configurationErrorOf(() => new CurrencyRegistry([['PTS', 2]]));
  });

  it('accepts 1000 custom assets and rejects 1001', () => {
    const assets = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`P${i}`, 2]));
    expect(new CurrencyRegistry(assets(1000)).has('P999')).toBe(true);
    configurationErrorOf(() => new CurrencyRegistry(assets(1001)));
  });
});
