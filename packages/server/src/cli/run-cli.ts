import { loadConfig, loadDatabaseSettings } from '../config/load-config.js';
import { serverVersion } from '../server-version.js';
import { describeCliError } from './describe-cli-error.js';

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
            (verify --organization <id> checks one organization)
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
  // `vaultcraft serve --help` asks for help too, rather than for an unexpected argument.
  if (
    ['--help', '-h', 'help'].includes(command) ||
    rest.some((argument) => argument === '--help' || argument === '-h')
  ) {
    io.out(usage);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(serverVersion);
    return 0;
  }
  if (rest.length > 0 && command !== 'verify') {
    io.err(`vaultcraft ${command}: unexpected argument ${rest[0]}\n\n${usage}`);
    return 2;
  }
  try {
    // Each command loads its modules when it runs: `--version`, `openapi` or a bad
    // configuration then answer without loading Fastify, MikroORM and the drivers.
    switch (command) {
      case 'openapi': {
        const { openapiCommand } = await import('./openapi-command.js');
        return openapiCommand(io);
      }
      case 'serve': {
        const config = await loadConfig(io.env, { cwd: io.cwd });
        const { serveCommand } = await import('./serve-command.js');
        return await serveCommand(config, io);
      }
      case 'migrate': {
        const config = loadDatabaseSettings(io.env, { cwd: io.cwd });
        const { migrateCommand } = await import('./migrate-command.js');
        return await migrateCommand(config, io);
      }
      case 'verify': {
        const config = loadDatabaseSettings(io.env, { cwd: io.cwd });
        const { verifyCommand } = await import('./verify-command.js');
        return await verifyCommand(config, io, { args: rest });
      }
      default:
        io.err(`vaultcraft: unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    const failure = describeCliError(command, error);
    io.err(failure.message);
    return failure.exitCode;
  }
}
