import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // Shared chunks keep one copy of each class between the two entry points.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
});
