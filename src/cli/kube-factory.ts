// The CliContext.kube implementation: creates the cluster client once per
// process, importing the Kubernetes client library only on first use so that
// commands which never talk to a cluster start without loading it.

import type { KubeClient } from '../kube/client.js';
import type { ClusterSelection } from '../kube/cluster-selection.js';
import type { OutputStream } from '../runtime/io.js';
import { CLI_VERSION } from './version-info.js';

export interface KubeFactoryOptions {
  env: Readonly<Record<string, string | undefined>>;
  stderr: OutputStream;
  requestTimeoutMs?: number;
  /** The process's interrupt: stops waits between retries at once. */
  signal?: AbortSignal;
}

export function lazyKubeFactory(options: KubeFactoryOptions): (selection: ClusterSelection) => Promise<KubeClient> {
  const clients = new Map<string, Promise<KubeClient>>();
  return (selection) => {
    const key = JSON.stringify([selection.kubeconfig, selection.context, selection.verbose, selection.requestTimeoutMs, selection.insecureSkipTlsVerify]);
    let client = clients.get(key);
    if (!client) {
      client = import('../kube/http-client.js').then(({ createKubeClient }) =>
        createKubeClient(selection, {
          env: options.env,
          stderr: options.stderr,
          userAgent: `kargo-cli/${CLI_VERSION}`,
          ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
      clients.set(key, client);
    }
    return client;
  };
}
