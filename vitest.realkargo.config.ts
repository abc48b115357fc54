import { defineConfig } from 'vitest/config';

// The real-Kargo tier (test/realkargo): one kube-testenv and one Kargo v1.11.2
// control plane per run, started by the global setup. Run with `npm run test:realkargo`.
export default defineConfig({
  test: {
    include: ['test/realkargo/**/*.test.ts'],
    globalSetup: ['test/realkargo/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Scenarios share one control plane; in parallel they would compete for 2 cores and Kargo's reconcilers.
    fileParallelism: false,
  },
});
