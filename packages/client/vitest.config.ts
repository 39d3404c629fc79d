import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  // As the build does (tsup.config.ts): the tests run the sources.
  define: { __VAULTCRAFT_CLIENT_VERSION__: JSON.stringify(version) },
  test: {
    name: 'client',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
