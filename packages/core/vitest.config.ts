import { defineConfig } from 'vitest/config';
import { packageIdentityDefine } from '../../tsup.config.base.js';

export default defineConfig({
  // The package's name and version for the User-Agent, as the build writes them in.
  define: packageIdentityDefine(),
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
