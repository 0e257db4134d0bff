import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    // The PostgreSQL server every store test shares: the machine's, or an embedded one.
    globalSetup: ['src/testing/postgres-global-setup.ts'],
  },
});
