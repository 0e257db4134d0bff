import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // npm installs from the registry: minutes on a cold cache.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
