// What the packaging test checks in the node_modules that plain npm installed from the
// tarballs: each package's own files, and the versions npm chose for MikroORM and the driver.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dependencyFields = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/** Every file path a package.json points at: exports, main, module, types, bin. */
export function referencedFiles(manifest) {
  const files = [];
  const walk = (value) => {
    if (typeof value === 'string') files.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  for (const field of ['main', 'module', 'types']) walk(manifest[field]);
  return [...new Set(files)];
}

/**
 * Checks one installed package against what a user needs: the files its manifest points at,
 * LICENSE and README, no sources or tests, and no `workspace:` range left by the packing.
 *
 * @returns the problems found (empty when all is well)
 */
export function checkInstalledPackage(projectDir, name, expectedVersions) {
  const dir = join(projectDir, 'node_modules', ...name.split('/'));
  if (!existsSync(join(dir, 'package.json'))) return [`${name} is not installed`];
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const problems = [];
  if (manifest.version !== expectedVersions[name]) {
    problems.push(`${name} is ${manifest.version}, expected ${expectedVersions[name]}`);
  }
  for (const file of referencedFiles(manifest)) {
    if (!existsSync(join(dir, file))) problems.push(`${name}: ${file} is missing`);
  }
  for (const file of ['LICENSE', 'README.md']) {
    if (!existsSync(join(dir, file))) problems.push(`${name}: ${file} is not in the tarball`);
  }
  for (const folder of ['src', 'test']) {
    if (existsSync(join(dir, folder))) problems.push(`${name}: ships its ${folder}/ folder`);
  }
  for (const field of dependencyFields) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) {
        problems.push(`${name}: ${field}.${dependency} is still "${range}"`);
      } else if (dependency in expectedVersions && range !== expectedVersions[dependency]) {
        problems.push(
          `${name}: ${field}.${dependency} is "${range}", packed ${expectedVersions[dependency]}`,
        );
      }
    }
  }
  return problems;
}

/**
 * Every copy of the packages whose names match `pattern` anywhere in the tree (nested
 * node_modules too), as `name@version (path)`.
 */
export function findInstalledCopies(projectDir, pattern) {
  const copies = [];
  const visit = (nodeModules) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? readdirSync(join(nodeModules, entry)).map((child) => `${entry}/${child}`)
        : [entry];
      for (const name of names) {
        const dir = join(nodeModules, name);
        const manifestPath = join(dir, 'package.json');
        if (pattern.test(name) && existsSync(manifestPath)) {
          const { version } = JSON.parse(readFileSync(manifestPath, 'utf8'));
          copies.push({ name, version, path: dir.slice(projectDir.length + 1) });
        }
        visit(join(dir, 'node_modules'));
      }
    }
  };
  visit(join(projectDir, 'node_modules'));
  return copies;
}
