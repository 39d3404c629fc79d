import { createHash } from 'node:crypto';

/**
 * A digest of an operation and its validated input, used as the default idempotency
 * fingerprint. Two requests that mean the same thing get the same fingerprint: keys are
 * sorted; absent fields and their defaults are the same (`undefined`, `null`, `false`, `{}`);
 * amounts are compared as numbers written canonically (`'01.50'` is `'1.5'`); dates as
 * instants.
 */
export function fingerprintOf(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(operation)
    .update('\n')
    .update(canonicalJson(input, ''))
    .digest('base64url');
}

const decimalPattern = /^\d+(\.\d+)?$/;

/** `'007.50'` → `'7.5'`, `'1.00'` → `'1'`: the same amount however it was written. */
function canonicalAmount(text: string): string {
  const [whole = '', fraction = ''] = text.split('.');
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

function isDefault(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date) &&
      Object.keys(value as object).length === 0)
  );
}

function canonicalJson(value: unknown, key: string): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (value instanceof Date) {
    return JSON.stringify(value.toISOString());
  }
  if (typeof value === 'bigint') {
    return JSON.stringify(value.toString());
  }
  if (typeof value === 'string' && key === 'amount' && decimalPattern.test(value)) {
    return JSON.stringify(canonicalAmount(value));
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item, '')).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => !isDefault(item))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item, name)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
