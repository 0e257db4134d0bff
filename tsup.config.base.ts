import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * tsup's CommonJS pass writes source maps whose `file` and first source are the absolute
 * path of the build machine's dist file (`/home/ci/…/dist/chunk-X.cjs`): meaningless on a
 * user's machine, and it leaks the build path. Every path in a published map is made
 * relative to the map, so a debugger resolves them inside the installed package, where
 * `sourcesContent` carries the TypeScript.
 */
export function relativeSourceMaps(directory: string): void {
  for (const name of readdirSync(directory)) {
    if (!name.endsWith('.map')) continue;
    const path = join(directory, name);
    const map = JSON.parse(readFileSync(path, 'utf8')) as {
      file?: string;
      sources: string[];
      sourceRoot?: string;
    };
    const folder = resolve(directory);
    if (map.file && isAbsolute(map.file)) map.file = basename(map.file);
    map.sources = map.sources.map((source) =>
      isAbsolute(source) ? relative(folder, source) : source,
    );
    writeFileSync(path, JSON.stringify(map));
  }
}

/**
 * `__CDR_PACKAGE__`, the building package's name and version from its package.json (the
 * folder tsup and vitest run in), for the transport's User-Agent: written into the build so
 * an installed package reads no file for it, and into vitest's runs of the source (each
 * package's vitest.config.ts) so tests see the same value. Code that reads it guards with
 * `typeof`, for source runs that define nothing.
 */
export function packageIdentityDefine(directory = process.cwd()): Record<string, string> {
  const { name, version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return { __CDR_PACKAGE__: JSON.stringify({ name, version }) };
}

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
    onSuccess: async () => relativeSourceMaps('dist'),
    define: packageIdentityDefine(),
    ...overrides,
  });
}

/** The modules of a provider's subpaths, besides its main entry and `/testing`. */
export interface ProviderEntries {
  /** `/descriptor`: the sync tool's descriptor (`src/<name>-descriptor.ts`). */
  descriptor: string;
  /** `/push`: webhook checking and parsing, which must load no HTTP client. */
  push: string;
  /** Any further subpaths, by name. */
  [subpath: string]: string;
}

/**
 * A provider package's build: its lean main entry (the factory, its settings and errors),
 * `/descriptor`, `/push`, `/testing` (the simulator) and any further subpaths it names.
 * Core stays a peer: never bundled into the provider.
 */
export function providerBuild(entries: ProviderEntries) {
  return packageBuild({
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', ...entries },
    external: ['@cdr/core'],
  });
}
