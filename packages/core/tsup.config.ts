import { packageBuild } from '../../tsup.config.base.js';

export default packageBuild({
  entry: {
    index: 'src/index.ts',
    // Not a subpath of its own: an entry so that the errors get a chunk of their own, which
    // a bundler keeps alone when an application imports only an error class (the Call
    // schema and the client, which load zod, are then left out).
    errors: 'src/errors/index.ts',
    'provider-utils': 'src/provider-utils.ts',
    // `@cdr/core/time`: the zoned-time helpers without zod or undici, for an application that
    // formats times and parses no Call (a command line's `--help`, a report). BENCHMARKS.md, B12.
    time: 'src/time-entry.ts',
    testing: 'src/testing/index.ts',
  },
  // libphonenumber-js is ~112 ES modules, each resolved and read when a provider is imported
  // (a third of a provider's import time); bundled, it is one. It stays a dependency for its
  // `CountryCode` type. BENCHMARKS.md, B15.
  noExternal: ['libphonenumber-js'],
});
