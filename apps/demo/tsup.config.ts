import { defineConfig } from 'tsup';

/**
 * The `cdr` executable: one ESM file (and the chunks its commands load on demand) with every
 * dependency inside, so `npm install -g` of the packed app needs nothing from the registry
 * and `cdr --help` loads only what it prints.
 */
export default defineConfig({
  entry: { cdr: 'src/main.ts' },
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
  // Bundled CommonJS (pg) calls require() for Node's own modules: give ESM one.
  banner: {
    js: "import { createRequire as __cdrCreateRequire } from 'node:module'; const require = __cdrCreateRequire(import.meta.url);",
  },
});
