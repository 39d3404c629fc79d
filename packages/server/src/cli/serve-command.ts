import { describeConfig } from '../config/describe-config.js';
import type { ServerConfig } from '../config/server-config.js';
import { createServer } from '../create-server.js';
import { serverVersion } from '../server-version.js';
import { listenConfigurationError } from './describe-cli-error.js';
import { drainKeepAlive } from './drain-keep-alive.js';
import type { CliIo } from './run-cli.js';

/**
 * `vaultcraft serve`: opens the database (migrating it), listens, prints where, and on
 * SIGTERM or SIGINT stops accepting, lets in-flight requests finish, closes the database and
 * resolves 0. A second signal while closing exits at once with 1.
 */
export async function serveCommand(config: ServerConfig, io: CliIo): Promise<number> {
  for (const warning of config.warnings) {
    io.err(`vaultcraft serve: warning: ${warning}`);
  }
  const server = await createServer({ config });
  const keepAlive = drainKeepAlive(server.app.server);
  let url: string;
  try {
    url = await server.listen();
  } catch (error) {
    await server.close();
    throw listenConfigurationError(error) ?? error;
  }
  const shown = url.replace('://0.0.0.0:', '://localhost:').replace('://[::]:', '://localhost:');
  io.out(`VaultCraft server ${serverVersion} listening on ${shown}`);
  io.out(`  API docs: ${shown}/docs   OpenAPI: ${shown}/openapi.json   health: ${shown}/health`);
  io.out(`  configuration: ${JSON.stringify(describeConfig(config))}`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.err(`vaultcraft serve: ${signal} again, exiting without waiting`);
        process.exit(1);
      }
      stopping = true;
      io.out(`vaultcraft serve: ${signal} received, finishing in-flight requests`);
      keepAlive.drain();
      server.close().then(
        () => {
          io.out('vaultcraft serve: stopped');
          resolve(0);
        },
        (error: unknown) => {
          io.err(`vaultcraft serve: error while stopping: ${String(error)}`);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
