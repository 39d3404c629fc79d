// The packaging test (`pnpm test:packaging`, after `pnpm build`): proves that what a user
// installs from npm works. Packs each published package with pnpm (which turns workspace:*
// into versions), installs the tarballs with plain npm into an empty project outside the
// workspace, then runs an ESM and a CJS quickstart (memory store and SQLite), the installed
// `vaultcraft` bin (serve, driven by the installed client; --version; verify) and tsc against
// the installed types. Prints PASS/FAIL per step, exits 1 on any failure, and always removes
// its temporary directories and stops the server.
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectedClientLines, expectedLedgerLines } from './packaging/expected-output.mjs';
import {
  checkInstalledPackage,
  findInstalledCopies,
  referencedFiles,
} from './packaging/installed-tree.mjs';
import {
  killRunningChildren,
  runChecked,
  runCommand,
  startServer,
} from './packaging/run-command.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const consumerFiles = join(root, 'scripts', 'packaging');
const published = ['core', 'adapters', 'client', 'server'];
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const manifests = Object.fromEntries(
  published.map((dir) => [dir, readJson(join(root, 'packages', dir, 'package.json'))]),
);
const versions = Object.fromEntries(Object.values(manifests).map((m) => [m.name, m.version]));
const rootManifest = readJson(join(root, 'package.json'));
const node = process.execPath;
// The MikroORM version every package pins; npm must install exactly this one, everywhere.
const mikroOrmVersion = manifests.adapters.dependencies['@mikro-orm/core'];

const results = [];
const cleanups = [];
let failed = false;

/** Runs one step, prints PASS/FAIL with its duration, and answers whether it passed. */
async function step(name, action) {
  const started = performance.now();
  try {
    const detail = await action();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`PASS ${name} (${seconds} s)${detail ? `\n${indent(detail)}` : ''}`);
    results.push({ name, ok: true });
    return true;
  } catch (error) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`FAIL ${name} (${seconds} s)\n${indent(error?.message ?? String(error))}`);
    results.push({ name, ok: false });
    failed = true;
    return false;
  }
}

const indent = (text) => text.trimEnd().replace(/^/gm, '    ');

/** Throws unless `actual` holds exactly the expected lines. */
function expectLines(actual, expected) {
  const lines = actual.trimEnd().split('\n');
  if (lines.join('\n') === expected.join('\n')) return lines.join('\n');
  throw new Error(`expected:\n${indent(expected.join('\n'))}\ngot:\n${indent(actual)}`);
}

/** An environment without the variables of the calling pnpm or of a developer's shell. */
function cleanEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(npm_|pnpm_)/i.test(name) && !/^npm_config_(registry|cache|userconfig)$/i.test(name)) {
      delete env[name];
    }
    if (/^(VAULTCRAFT_|DATABASE_URL$|PORT$|HOST$|NODE_ENV$|LOG_LEVEL$)/.test(name))
      delete env[name];
  }
  return { ...env, ...extra };
}

/** The packages under the test, packed, then installed with npm into `project`. */
async function packAndInstall(tarballs, project) {
  const built = await step('built packages present', () => {
    const missing = published.flatMap((dir) =>
      referencedFiles(manifests[dir])
        .filter((file) => !existsSync(join(root, 'packages', dir, file)))
        .map((file) => `packages/${dir}/${file}`),
    );
    if (missing.length > 0) {
      throw new Error(`run \`pnpm build\` first; missing: ${missing.join(', ')}`);
    }
  });
  const files = [];
  const packed =
    built &&
    (await step('pnpm pack', async () => {
      const sizes = [];
      for (const dir of published) {
        const { name, version } = manifests[dir];
        const cwd = join(root, 'packages', dir);
        await runChecked('pnpm', ['pack', '--pack-destination', tarballs], { cwd });
        const file = join(tarballs, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
        sizes.push(`${name}@${version}: ${(statSync(file).size / 1024).toFixed(1)} KiB`);
        files.push(file);
      }
      return sizes.join('\n');
    }));
  return (
    packed &&
    step('npm install of the tarballs (outside the workspace)', async () => {
      if (!relative(root, project).startsWith('..')) {
        throw new Error(`${project} is in the workspace`);
      }
      const pkg = { name: 'vaultcraft-packaging-consumer', version: '0.0.0', private: true };
      writeFileSync(join(project, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      // The consumer's TypeScript and Node types: the versions the workspace builds with.
      const { typescript, '@types/node': nodeTypes } = rootManifest.devDependencies;
      const tools = [`typescript@${typescript}`, `@types/node@${nodeTypes}`];
      await runChecked('npm', ['install', '--no-audit', '--no-fund', ...files, ...tools], {
        cwd: project,
        env: cleanEnv(),
        timeoutMs: 900_000,
      });
      for (const file of consumerFileNames) {
        copyFileSync(join(consumerFiles, file), join(project, file));
      }
      return `in ${project}`;
    })
  );
}

/** The installed packages' own files, and the versions npm chose for their dependencies. */
async function checkInstalledTree(project) {
  await step('installed package contents', () => {
    const problems = Object.keys(versions).flatMap((name) =>
      checkInstalledPackage(project, name, versions),
    );
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });
  await step('dependency versions npm resolved', () => {
    const pattern = /^(@mikro-orm\/|@vaultcraft\/|better-sqlite3$|knex$)/;
    const copies = findInstalledCopies(project, pattern);
    const describe = (c) => `${c.name}@${c.version} (${c.path})`;
    const ours = (c) => c.name.startsWith('@vaultcraft/');
    const wrong = [
      ...copies.filter((c) => c.name.startsWith('@mikro-orm/') && c.version !== mikroOrmVersion),
      // A nested copy would mean npm fetched a @vaultcraft package from the registry.
      ...copies.filter((c) => ours(c) && c.path !== `node_modules/${c.name}`),
    ];
    if (wrong.length > 0) {
      const listed = wrong.map(describe).join('\n');
      throw new Error(`expected MikroORM ${mikroOrmVersion} and one copy of ours only:\n${listed}`);
    }
    return copies
      .filter((c) => !ours(c))
      .map(describe)
      .join('\n');
  });
}

/** The ESM and CJS quickstarts, each on a SQLite file of its own. */
async function runQuickstarts(project) {
  for (const [label, script, kind] of [
    ['ESM quickstart (import)', 'ledger-quickstart.mjs', 'import'],
    ['CJS quickstart (require)', 'ledger-quickstart.cjs', 'require'],
  ]) {
    await step(label, async () => {
      const db = join(project, 'data', `${kind}.sqlite`);
      const output = await runChecked(node, [script, db], { cwd: project, env: cleanEnv() });
      return expectLines(output, expectedLedgerLines(kind, versions));
    });
  }
}

/** The installed bin: serve (driven by the installed client, stopped by SIGTERM), --version. */
async function runServer(project, bin, serverDb) {
  const serverEnv = cleanEnv({
    DATABASE_URL: serverDb,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    VAULTCRAFT_JWT_SECRET: randomBytes(32).toString('hex'),
  });
  await step('vaultcraft serve + @vaultcraft/client', async () => {
    const server = startServer(bin, { cwd: project, env: serverEnv });
    cleanups.push(() => server.stop(5_000));
    const url = await server.listening;
    const client = await runCommand(node, ['client-check.mjs'], {
      cwd: project,
      env: cleanEnv({ VAULTCRAFT_URL: url }),
      timeoutMs: 60_000,
    });
    const stopped = await server.stop();
    if (client.code !== 0) {
      const output = `${client.stdout}${client.stderr}`;
      throw new Error(`the client script exited with ${client.code}\n${output}`);
    }
    const lines = expectLines(client.stdout, expectedClientLines);
    if (stopped.code !== 0 || !stopped.stdout.includes('vaultcraft serve: stopped')) {
      const output = `${stopped.stdout}${stopped.stderr}`;
      throw new Error(`after SIGTERM the server exited with ${stopped.code}\n${output}`);
    }
    return `${url}\n${lines}\nSIGTERM: exit 0`;
  });
  await step('vaultcraft --version', async () => {
    const output = await runChecked(bin, ['--version'], { cwd: project, env: cleanEnv() });
    return expectLines(output, [versions['@vaultcraft/server']]);
  });
}

/** `vaultcraft verify` on the server's database and on the one the ESM quickstart wrote. */
async function runVerify(project, bin, serverDb) {
  await step('vaultcraft verify (the server database and the ESM quickstart one)', async () => {
    const lines = [];
    for (const db of [serverDb, join(project, 'data', 'import.sqlite')]) {
      const env = cleanEnv({ DATABASE_URL: db });
      const output = await runChecked(bin, ['verify'], { cwd: project, env });
      if (!/^vaultcraft verify: OK, checked 1 organizations/.test(output)) throw new Error(output);
      lines.push(output.trim());
    }
    return lines.join('\n');
  });
}

/**
 * tsc against the installed types. node16 checks both module systems with skipLibCheck off,
 * so the published declarations are type-checked too; bundler and node10 (what `"module":
 * "commonjs"` implies, through typesVersions for the subpaths) check resolution only.
 */
async function checkTypes(project) {
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json', 'tsconfig.node10.json']) {
    await step(`types: tsc -p ${config}`, () =>
      runChecked(node, [tsc, '-p', config], { cwd: project }),
    );
  }
}

async function runSteps(work) {
  const tarballs = join(work, 'tarballs');
  const project = join(work, 'project');
  mkdirSync(tarballs);
  mkdirSync(project);
  if (!(await packAndInstall(tarballs, project))) return;
  const bin = join(project, 'node_modules', '.bin', 'vaultcraft');
  const serverDb = join(project, 'data', 'server.sqlite');
  await checkInstalledTree(project);
  await runQuickstarts(project);
  await runServer(project, bin, serverDb);
  await runVerify(project, bin, serverDb);
  await checkTypes(project);
}

/** The files of scripts/packaging/ that the consumer project runs or compiles. */
const consumerFileNames = [
  'ledger-scenario.cjs',
  'ledger-quickstart.mjs',
  'ledger-quickstart.cjs',
  'client-check.mjs',
  'consumer.mts',
  'consumer.cts',
  'tsconfig.node16.json',
  'tsconfig.bundler.json',
  'tsconfig.node10.json',
];

async function cleanUp(work) {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => {});
  killRunningChildren();
  rmSync(work, { recursive: true, force: true });
}

const work = mkdtempSync(join(tmpdir(), 'vaultcraft-packaging-'));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`\n${signal}: cleaning up`);
    cleanUp(work).finally(() => process.exit(130));
  });
}
const started = performance.now();
try {
  await runSteps(work);
} catch (error) {
  console.log(`FAIL unexpected error\n${indent(error?.stack ?? String(error))}`);
  failed = true;
} finally {
  await cleanUp(work);
}
const passed = results.filter((r) => r.ok).length;
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(
  `\npackaging test: ${failed ? 'FAIL' : 'PASS'} (${passed} of ${results.length} steps passed, ${seconds} s)`,
);
process.exitCode = failed ? 1 : 0;
