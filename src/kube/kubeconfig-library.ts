// What only @kubernetes/client-node does for kargo: auth providers, basic auth,
// impersonation, proxies and the in-cluster service account. Loaded (through a
// dynamic import) only when the current user or cluster needs one of them.

import type https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';
import type { KubeconfigEntries } from './kubeconfig-entries.js';

/** The library's own reading of the kubeconfig, with the current cluster and user as kargo checked them. */
export function libraryCredentials(
  entries: KubeconfigEntries,
  current: Context,
  cluster: Cluster,
  user: User | undefined,
): (options: https.RequestOptions) => Promise<void> {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: entries.clusters.map((candidate) => (candidate.name === cluster.name ? cluster : candidate)),
    users: entries.users.map((candidate) => (user && candidate.name === user.name ? user : candidate)),
    contexts: entries.contexts,
    currentContext: current.name,
  });
  return (options) => config.applyToHTTPSOptions(options);
}

/** The service account's cluster, user (its token file) and context, as the library reads them inside a Pod. */
export function inClusterEntries(): KubeconfigEntries {
  const config = new KubeConfig();
  config.loadFromCluster();
  return {
    clusters: config.getClusters().map((cluster) => ({ ...cluster, written: {} })),
    users: config.getUsers().map((user) => ({ ...user, written: {} })),
    contexts: [...config.getContexts()],
    currentContext: config.getCurrentContext(),
  };
}
