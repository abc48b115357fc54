// The embedded API server with Kargo's and Argo CD's CRDs, an admin client,
// and a project namespace: where set-metadata, set-freight-alias, the
// argocd steps and the runner's snapshot loading meet real objects.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeClient } from '../../../src/kube/client.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';

export interface EngineCluster {
  cluster: TestCluster;
  client: KubeClient;
  /** Creates a namespace (a Kargo project's or Argo CD's). */
  namespace(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startEngineCluster(): Promise<EngineCluster> {
  const cluster = await startTestCluster();
  const home = mkdtempSync(join(tmpdir(), 'engine-home-'));
  const client = await createKubeClient(
    { kubeconfig: cluster.kubeconfigPath, verbose: false },
    { env: { HOME: home }, stderr: { write: () => true }, requestTimeoutMs: 10_000 },
  );
  return {
    cluster,
    client,
    async namespace(name) {
      await client.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    },
    close: () => cluster.close(),
  };
}
