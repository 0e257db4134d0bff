import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Builds, type-checks and a nested vitest run: tens of seconds.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
