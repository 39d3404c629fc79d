import { ConfigurationError } from '@vaultcraft/core';

/** The `VAULTCRAFT_*` variables the server reads. */
export const serverVariables = [
  'VAULTCRAFT_JWT_SECRET',
  'VAULTCRAFT_JWT_ISSUER',
  'VAULTCRAFT_JWT_AUDIENCE',
  'VAULTCRAFT_TOKEN_TTL_SECONDS',
  'VAULTCRAFT_SIGNUP_RATE_LIMIT',
  'VAULTCRAFT_LOGIN_RATE_LIMIT',
  'VAULTCRAFT_CURRENCIES',
  'VAULTCRAFT_TRUST_PROXY',
  'VAULTCRAFT_DATA_DIR',
] as const;

// Variables of the project's own test tooling: a developer may have them exported in the
// shell that starts a server, and they are not misspelt server settings.
const toolingVariables = new Set(['VAULTCRAFT_PRINT_PLANS']);
const toolingPrefix = 'VAULTCRAFT_TEST_';

const known = new Set<string>(serverVariables);

/**
 * Rejects a `VAULTCRAFT_*` variable the server does not know, so that a misspelt setting
 * (`VAULTCRAFT_JWT_SECRTE`) fails the start instead of being silently ignored.
 *
 * @throws ConfigurationError (`CONFIGURATION_ERROR`) naming the first unknown variable (in
 *   sorted order), with the closest known name when one is near.
 */
export function checkUnknownVariables(env: Readonly<Record<string, string | undefined>>): void {
  const unknown = Object.keys(env)
    .filter((name) => name.startsWith('VAULTCRAFT_') && env[name] !== undefined)
    .filter((name) => !known.has(name) && !toolingVariables.has(name))
    .filter((name) => !name.startsWith(toolingPrefix))
    .sort();
  const name = unknown[0];
  if (name === undefined) {
    return;
  }
  const closest = closestKnownName(name);
  const hint = closest ? `did you mean ${closest}? ` : '';
  throw new ConfigurationError(
    name,
    `is not a VaultCraft setting; ${hint}the server reads ${serverVariables.join(', ')}`,
  );
}

function closestKnownName(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of serverVariables) {
    const distance = editDistance(name, candidate);
    if (distance <= 3 && (best === undefined || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
}

/** Levenshtein distance, with adjacent transpositions counted as one edit (typos). */
function editDistance(a: string, b: string): number {
  // Names are at most a few dozen characters: the full table is cheap.
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        table[i - 1]![j]! + 1,
        table[i]![j - 1]! + 1,
        table[i - 1]![j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, table[i - 2]![j - 2]! + 1);
      }
      table[i]![j] = value;
    }
  }
  return table[a.length]![b.length]!;
}
