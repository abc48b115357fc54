// What `kargo version` reports about the cluster: its Kubernetes version and
// whether the Kargo and Argo Rollouts APIs are served there.

import type { KubeClient } from '../kube/client.js';
import { KARGO_GROUP, resources, ROLLOUTS_GROUP } from '../kube/resources.js';

export interface ServerVersionInfo {
  kubernetes: string;
  kargoApi: boolean;
  rolloutsApi: boolean;
}

export async function readServerVersion(client: KubeClient): Promise<ServerVersionInfo> {
  const [kubernetes, kargoApi, rolloutsApi] = await Promise.all([
    client.serverVersion(),
    client.isServed(KARGO_GROUP, resources.stage.version),
    client.isServed(ROLLOUTS_GROUP, resources.analysisRun.version),
  ]);
  return { kubernetes, kargoApi, rolloutsApi };
}
