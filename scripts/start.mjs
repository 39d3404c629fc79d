// `pnpm start`: builds the packages when a build is missing or older than its sources, then
// runs `vaultcraft serve` with the caller's environment (no configuration needed: SQLite in
// ./data/vaultcraft.db, port 8000). Signals are passed on so Ctrl-C stops the server cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'adapters', 'client', 'server'];

function newestMtime(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(name) {
  const directory = join(root, 'packages', name);
  const dist = join(directory, 'dist');
  if (!existsSync(dist)) return true;
  return newestMtime(join(directory, 'src')) > newestMtime(dist);
}

if (packages.some(isStale)) {
  console.log('vaultcraft: building the packages first (pnpm build)');
  const build = spawnSync('pnpm', ['build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(
  process.execPath,
  [join(root, 'packages/server/dist/cli.js'), 'serve', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
