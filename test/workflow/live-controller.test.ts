// The workflow scenarios against the embedded API server with the embedded Kargo
// controller running them: nothing scripted (see live/scenarios.ts).

import { afterAll, beforeAll } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { defineLiveScenarios } from './live/scenarios.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => cluster?.close());

defineLiveScenarios(() => ({ adminKubeconfig: cluster.kubeconfigPath, kubeconfigFor: (user, groups) => cluster.kubeconfigFor(user, groups) }));
