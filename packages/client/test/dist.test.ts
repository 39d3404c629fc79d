// Proves the built package runs wherever standard fetch exists: every file of dist/ (run
// `pnpm build` first) imports nothing but zod and its own chunks and never mentions `node:`;
// package.json exports both entries as ESM, CJS and types, with zod as the only runtime
// dependency; and the CJS entry loads and exposes the client.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

function distFiles(): string[] {
  if (!existsSync(dist))
    throw new Error('dist/ is missing: run `pnpm build` in packages/client first');
  return readdirSync(dist).filter((name) => /\.(c?js|d\.c?ts)$/.test(name));
}

/** Every module specifier of a JavaScript or declaration file (examples in TSDoc excluded). */
function specifiersOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const patterns = [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) =>
    [...code.matchAll(pattern)].map((match) => match[1] as string),
  );
}

describe('dist', () => {
  it('has the ESM, CJS and declaration files of both entries', () => {
    const files = distFiles();
    for (const name of [
      'index.js',
      'index.cjs',
      'index.d.ts',
      'index.d.cts',
      'contract.js',
      'contract.cjs',
    ]) {
      expect(files).toContain(name);
    }
  });

  it.each(distFiles())('%s imports only zod and its own chunks, and never node:', (name) => {
    const code = readFileSync(new URL(name, dist), 'utf8');
    expect(code).not.toContain('node:');
    const foreign = specifiersOf(code).filter(
      (specifier) => specifier !== 'zod' && !specifier.startsWith('./'),
    );
    expect(foreign).toEqual([]);
  });

  it('the CJS entry loads and exposes the client', () => {
    const require = createRequire(import.meta.url);
    const loaded = require('../dist/index.cjs') as Record<string, unknown>;
    expect(loaded.VaultCraft).toBeTypeOf('function');
    expect(loaded.isVaultCraftError).toBeTypeOf('function');
  });
});

describe('package.json', () => {
  it('exports both entries for import and require, with types', () => {
    const entries: [string, string][] = [
      ['.', 'index'],
      ['./contract', 'contract'],
    ];
    for (const [entry, file] of entries) {
      expect(packageJson.exports[entry]).toEqual({
        import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
        require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
      });
    }
  });

  it('depends on zod only at run time', () => {
    expect(Object.keys(packageJson.dependencies)).toEqual(['zod']);
    expect(packageJson.peerDependencies).toBeUndefined();
  });
});

describe('src', () => {
  it('uses no Node.js module', () => {
    const sources = readdirSync(new URL('../src/', import.meta.url), {
      recursive: true,
      encoding: 'utf8',
    }).filter((name) => name.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(10);
    for (const name of sources) {
      const code = readFileSync(new URL(`../src/${name}`, import.meta.url), 'utf8');
      expect(code, name).not.toMatch(/from ['"]node:|require\(/);
    }
  });
});
