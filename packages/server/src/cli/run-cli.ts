import { isVaultError } from '@vaultcraft/core';
import { loadConfig } from '../config/load-config.js';
import { serverVersion } from '../server-version.js';
import { migrateCommand } from './migrate-command.js';
import { openapiCommand } from './openapi-command.js';
import { serveCommand } from './serve-command.js';
import { verifyCommand } from './verify-command.js';

/** Where a command writes, and the environment it reads (injectable for tests). */
export interface CliIo {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const usage = `Usage: vaultcraft <command>

Commands:
  serve     start the REST API server (the default)
  migrate   apply pending database migrations and exit
  verify    check every ledger invariant; exits 1 on a violation
  openapi   print the OpenAPI 3.1 document

Configuration comes from the environment only (no .env file is read):
  DATABASE_URL (default ./data/vaultcraft.db), PORT (8000), HOST, VAULTCRAFT_JWT_SECRET,
  LOG_LEVEL, ... — see docs/server.md.`;

/**
 * Runs one CLI command and resolves to the process exit code: 0 success, 1 failure (a ledger
 * violation, an unexpected error), 2 bad usage or configuration. Never prints a stack trace
 * for an expected error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(usage);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(serverVersion);
    return 0;
  }
  if (rest.length > 0) {
    io.err(`vaultcraft ${command}: unexpected argument ${rest[0]}\n\n${usage}`);
    return 2;
  }
  try {
    switch (command) {
      case 'openapi':
        return openapiCommand(io);
      case 'serve':
        return await serveCommand(await loadConfig(io.env, { cwd: io.cwd }), io);
      case 'migrate':
        return await migrateCommand(await loadConfig(io.env, { cwd: io.cwd }), io);
      case 'verify':
        return await verifyCommand(await loadConfig(io.env, { cwd: io.cwd }), io);
      default:
        io.err(`vaultcraft: unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (isVaultError(error) && error.code === 'CONFIGURATION_ERROR') {
      io.err(`vaultcraft ${command}: configuration error: ${error.message}`);
      return 2;
    }
    if (isVaultError(error)) {
      io.err(`vaultcraft ${command}: ${error.code}: ${error.message}`);
      return 1;
    }
    io.err(`vaultcraft ${command}: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  }
}
