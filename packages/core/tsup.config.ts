import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing.ts' },
  format: ['esm', 'cjs'],
  // Members marked @internal (resource constructors, the *Written methods the organization
  // scope dispatches to) stay out of the published types.
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The conformance suite is written against vitest; a store author brings their own copy.
  external: ['vitest'],
});
