import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', contract: 'src/contract.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // The client runs wherever standard fetch exists (browsers, Deno, Bun, edge), not only Node.
  target: 'es2022',
  platform: 'neutral',
  external: ['zod'],
});
