import { ConfigurationError, isVaultError, type VaultError } from '@vaultcraft/core';

/** What the CLI prints for a failed command, and the exit code it ends with. */
export interface CliFailure {
  /** One line (or a few) for stderr, prefixed with the command. */
  readonly message: string;
  /** 2 for bad configuration, 1 for anything else. */
  readonly exitCode: 1 | 2;
}

/**
 * Turns an error thrown by a command into the line to print and the exit code. A
 * configuration problem names the environment variable to fix and shows no stack trace; only
 * an unexpected error shows its stack.
 *
 * @example
 * ```ts
 * const { message, exitCode } = describeCliError('serve', error);
 * io.err(message); // vaultcraft serve: configuration error: PORT: 127.0.0.1:8000 is already in use ...
 * ```
 */
export function describeCliError(command: string, error: unknown): CliFailure {
  const prefix = `vaultcraft ${command}`;
  const configuration = asConfigurationError(error);
  if (configuration !== undefined) {
    return { message: `${prefix}: configuration error: ${configuration.message}`, exitCode: 2 };
  }
  if (isVaultError(error)) {
    return { message: `${prefix}: ${error.code}: ${error.message}`, exitCode: 1 };
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { message: `${prefix}: unexpected error: ${stack}`, exitCode: 1 };
}

/**
 * The store adapters name their own options (`url`, `path`); an operator of the CLI knows
 * only the environment, so those become `DATABASE_URL`.
 */
function asConfigurationError(error: unknown): VaultError | undefined {
  const setting = configurationSetting(error);
  if (setting === undefined) return undefined;
  if (setting === 'url' || setting === 'path') {
    const reason = (error as VaultError).message.slice(setting.length + 2);
    return new ConfigurationError('DATABASE_URL', reason, { cause: error });
  }
  return error as VaultError;
}

/**
 * The setting a `CONFIGURATION_ERROR` names (by code and details rather than `instanceof`,
 * which fails across two copies of core); `undefined` for any other error.
 */
export function configurationSetting(error: unknown): string | undefined {
  if (!isVaultError(error) || error.code !== 'CONFIGURATION_ERROR') return undefined;
  const { setting } = error.details as { setting?: unknown };
  return typeof setting === 'string' ? setting : '';
}

/**
 * A failure to listen on the configured address as the setting that fixes it (PORT or HOST);
 * `undefined` for any other error. Only for errors of `listen()`: a PostgreSQL host that does
 * not resolve fails with the same code, and is a DATABASE_URL problem.
 */
export function listenConfigurationError(error: unknown): ConfigurationError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, address, port } = error as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
  };
  const where = address === undefined ? 'the configured address' : `${address}:${port ?? ''}`;
  if (code === 'EADDRINUSE') {
    return new ConfigurationError(
      'PORT',
      `${where} is already in use (by another server?); stop it or choose another PORT (0 picks a free one)`,
    );
  }
  if (code === 'EACCES' && syscall === 'listen') {
    return new ConfigurationError(
      'PORT',
      `no permission to listen on ${where} (ports below 1024 need privileges); choose a PORT from 1024`,
    );
  }
  if (code === 'EADDRNOTAVAIL') {
    return new ConfigurationError(
      'HOST',
      `${where} is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its addresses`,
    );
  }
  if (code === 'ENOTFOUND') {
    return new ConfigurationError('HOST', 'is a host name that does not resolve to an address');
  }
  return undefined;
}
