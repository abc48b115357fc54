import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/realapi/**', 'test/realkargo/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Builds dist/ once for the end-to-end tests of bin/kargo (test/cli/e2e).
    globalSetup: ['test/cli/e2e/build-once.ts'],
  },
});
