import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'client',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The version the build inlines (tsup.config.ts), for the sources under test.
    setupFiles: ['test/define-version.ts'],
  },
});
