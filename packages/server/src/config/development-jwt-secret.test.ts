// Proves the JWT secret rules: production demands VAULTCRAFT_JWT_SECRET, development generates
// one secret into <dataDir>/jwt-secret (mode 0600) and reuses it on the next start, and a
// .env file in the working directory is never read. Each test uses its own temp directory.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVaultError } from '@vaultcraft/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'vaultcraft-jwt-secret-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function settingOfFailure(
  promise: Promise<unknown>,
): Promise<{ setting: string; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isVaultError(error) || error.code !== 'CONFIGURATION_ERROR') {
    throw new Error(`expected a ConfigurationError, got ${String(error)}`);
  }
  return { setting: (error as unknown as { setting: string }).setting, message: error.message };
}

describe('JWT secret in production', () => {
  it('is required', async () => {
    const failure = await settingOfFailure(loadConfig({ NODE_ENV: 'production' }, { cwd }));
    expect(failure.setting).toBe('VAULTCRAFT_JWT_SECRET');
    expect(failure.message).toMatch(/is required when NODE_ENV=production/);
  });

  it('is refused when shorter than 32 characters', async () => {
    const env = { NODE_ENV: 'production', VAULTCRAFT_JWT_SECRET: 'x'.repeat(31) };
    const failure = await settingOfFailure(loadConfig(env, { cwd }));
    expect(failure.setting).toBe('VAULTCRAFT_JWT_SECRET');
    expect(failure.message).toMatch(/at least 32 characters, got 31/);
  });

  it('is accepted at 32 characters, and no file is written', async () => {
    const env = { NODE_ENV: 'production', VAULTCRAFT_JWT_SECRET: 'x'.repeat(32) };
    const config = await loadConfig(env, { cwd });
    expect(config.jwt.secret).toBe('x'.repeat(32));
    expect(config.warnings).toEqual([]);
    await expect(stat(join(cwd, 'data'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('JWT secret in development', () => {
  it('is generated once into <dataDir>/jwt-secret and reused on the next start', async () => {
    const first = await loadConfig({}, { cwd });
    const file = join(cwd, 'data', 'jwt-secret');
    expect(first.jwt.secretFile).toBe(file);
    expect(first.jwt.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.warnings).toEqual([
      expect.stringContaining(`generated a development secret into ${file}`),
    ]);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.jwt.secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const second = await loadConfig({}, { cwd });
    expect(second.jwt.secret).toBe(first.jwt.secret);
    expect(second.warnings).toEqual([
      expect.stringContaining(`using the development secret kept in ${file}`),
    ]);
  });

  it('lives in VAULTCRAFT_DATA_DIR when given, creating the directory', async () => {
    const config = await loadConfig({ VAULTCRAFT_DATA_DIR: 'deep/state' }, { cwd });
    expect(config.jwt.secretFile).toBe(join(cwd, 'deep', 'state', 'jwt-secret'));
    expect((await stat(join(cwd, 'deep', 'state'))).isDirectory()).toBe(true);
  });

  it('is refused when present but shorter than 32 characters', async () => {
    const failure = await settingOfFailure(loadConfig({ VAULTCRAFT_JWT_SECRET: 'short' }, { cwd }));
    expect(failure.setting).toBe('VAULTCRAFT_JWT_SECRET');
  });

  it('is refused when the kept file holds a short secret', async () => {
    await mkdir(join(cwd, 'data'));
    await writeFile(join(cwd, 'data', 'jwt-secret'), 'short\n');
    const failure = await settingOfFailure(loadConfig({}, { cwd }));
    expect(failure.setting).toBe('VAULTCRAFT_JWT_SECRET');
    expect(failure.message).toMatch(/shorter than 32 characters; delete that file/);
  });

  it('names VAULTCRAFT_DATA_DIR when the directory cannot be created', async () => {
    // A regular file where the directory should be: mkdir fails whoever runs the test.
    await writeFile(join(cwd, 'blocked'), '');
    const failure = await settingOfFailure(
      loadConfig({ VAULTCRAFT_DATA_DIR: 'blocked/data' }, { cwd }),
    );
    expect(failure.setting).toBe('VAULTCRAFT_DATA_DIR');
    expect(failure.message).toMatch(/cannot keep the development JWT secret/);
  });
});

describe('no .env file', () => {
  it('is read, even when one sits in the working directory', async () => {
    await writeFile(
      join(cwd, '.env'),
      'PORT=9999\nVAULTCRAFT_JWT_SECRET=from-dotenv-file-0123456789abcdef\nLOG_LEVEL=bogus\n',
    );
    const config = await loadConfig({ VAULTCRAFT_JWT_SECRET: 'e'.repeat(32) }, { cwd });
    expect(config.port).toBe(8000);
    expect(config.logLevel).toBe('info');
    expect(config.jwt.secret).toBe('e'.repeat(32));
  });
});
