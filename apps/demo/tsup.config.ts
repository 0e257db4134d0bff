import { defineConfig, type Options } from 'tsup';

/**
 * zod's `z` namespace carries its sixty-odd translations of its error messages
 * (`z.locales`, `z.core.locales`), which the bundle cannot shake off a namespace it uses whole: 370 KB of the
 * chunk every command reading the database parses at start. cdr never selects one (its
 * messages are English, which zod's schemas import on their own), so both are empty.
 */
const zodWithoutLocales: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](?:classic|core)[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'cdr-empty' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'cdr-empty' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

/**
 * The `cdr` executable: one ESM file (and the chunks its commands load on demand) with every
 * dependency inside, so `npm install -g` of the packed app needs nothing from the registry
 * and `cdr --help` loads only what it prints.
 */
export default defineConfig({
  entry: {
    cdr: 'src/main.ts',
    // The SQLite store's write thread: a module of its own, which the store starts by URL.
    'sqlite-write-thread': 'src/store/sqlite/sqlite-write-thread.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  splitting: true,
  clean: true,
  sourcemap: false,
  noExternal: [/.*/],
  // Optional native bindings pg and pg-boss probe for and do without.
  external: ['pg-native', 'pg-cloudflare'],
  // Keep `node:` on imports: `node:sqlite` has no unprefixed name.
  removeNodeProtocol: false,
  esbuildPlugins: [zodWithoutLocales],
  // Bundled CommonJS (pg) calls require() for Node's own modules: give ESM one.
  banner: {
    js: "import { createRequire as __cdrCreateRequire } from 'node:module'; const require = __cdrCreateRequire(import.meta.url);",
  },
});
