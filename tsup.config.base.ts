import { defineConfig, type Options } from 'tsup';

/**
 * The build every public package shares: ESM + CJS + declarations for its main entry and
 * its `/testing` entry, with shared chunks so each class exists once between the two.
 */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    ...overrides,
  });
}
