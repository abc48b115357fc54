import { defineConfig } from 'vitest/config';

// The real kube-apiserver tier (test/realapi): one kube-testenv per run,
// started by the global setup. Run with `npm run test:realapi`.
export default defineConfig({
  test: {
    include: ['test/realapi/**/*.test.ts'],
    globalSetup: ['test/realapi/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
