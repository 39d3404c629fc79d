import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '@vaultcraft/core';
import { jwtSecretLengthMin } from './parse-environment.js';

/** The name of the file, in the data directory, that keeps a generated development secret. */
export const jwtSecretFileName = 'jwt-secret';

/**
 * The JWT secret of a development server started without `VAULTCRAFT_JWT_SECRET`: read from
 * `<dataDir>/jwt-secret`, or generated there (32 random bytes, base64url, mode 0600, the
 * directory created if needed) when the file does not exist yet. Reusing it keeps the tokens
 * of a development server valid across restarts.
 *
 * @throws ConfigurationError (`CONFIGURATION_ERROR`, setting `VAULTCRAFT_DATA_DIR`) when the
 *   file cannot be read or written, and (setting `VAULTCRAFT_JWT_SECRET`) when the kept secret
 *   is too short.
 */
export async function loadDevelopmentJwtSecret(
  dataDir: string,
): Promise<{ secret: string; file: string; created: boolean }> {
  const file = join(dataDir, jwtSecretFileName);
  const existing = await readSecret(file);
  if (existing !== undefined) {
    return { secret: existing, file, created: false };
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // `wx` never overwrites: when two servers start at once, the second reads the first's.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = await readSecret(file);
      if (raced !== undefined) {
        return { secret: raced, file, created: false };
      }
    }
    throw unusable(file, error);
  }
  return { secret, file, created: true };
}

async function readSecret(file: string): Promise<string | undefined> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw unusable(file, error);
  }
  const secret = content.trim();
  if (secret.length < jwtSecretLengthMin) {
    throw new ConfigurationError(
      'VAULTCRAFT_JWT_SECRET',
      `is not set, and the development secret kept in ${file} is shorter than ` +
        `${jwtSecretLengthMin} characters; delete that file to generate a new one, or set ` +
        'VAULTCRAFT_JWT_SECRET',
    );
  }
  return secret;
}

function unusable(file: string, error: unknown): ConfigurationError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ConfigurationError(
    'VAULTCRAFT_DATA_DIR',
    `cannot keep the development JWT secret in ${file} (${reason}); make the directory ` +
      'writable, point VAULTCRAFT_DATA_DIR elsewhere, or set VAULTCRAFT_JWT_SECRET',
    { cause: error },
  );
}
