// The protocol suite against the embedded server.

import { afterAll, beforeAll } from 'vitest';
import { defineProtocolSuite, type ProtocolTarget } from '../protocol/suite.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';

let cluster: TestCluster;
let target: ProtocolTarget;

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  target = { adminKubeconfig: cluster.kubeconfigPath, userKubeconfig: (user, groups) => cluster.kubeconfigFor(user, groups) };
});

afterAll(async () => {
  await cluster.close();
});

defineProtocolSuite(() => target);
