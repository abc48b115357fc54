// Loads the kubeconfig the way kubectl does: --kubeconfig, else every file in
// KUBECONFIG merged (first file wins), else ~/.kube/config, else the in-cluster
// service account. Environment comes from the caller so tests stay hermetic.
// Imports the KubeConfig module file directly: the package root re-exports the
// whole generated API, which would triple the lazy chunk (see scripts/build.mjs).

import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { ClusterSelection } from './cluster-selection.js';
import { KubeConfigError } from './errors.js';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export type Environment = Readonly<Record<string, string | undefined>>;

export function loadKubeConfig(selection: ClusterSelection, env: Environment): KubeConfig {
  const config = new KubeConfig();
  const files = kubeconfigFiles(selection, env);
  if (files.length > 0) {
    loadFile(config, files[0]!);
    for (const file of files.slice(1)) {
      const extra = new KubeConfig();
      loadFile(extra, file);
      mergeFirstWins(config, extra);
    }
  } else if (existsSync(SERVICE_ACCOUNT_TOKEN)) {
    config.loadFromCluster();
  } else {
    throw new KubeConfigError(
      'no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, or run inside a cluster',
    );
  }
  if (selection.context) {
    if (!config.getContextObject(selection.context)) {
      const known = config.getContexts().map((context) => context.name);
      throw new KubeConfigError(
        `context "${selection.context}" is not in the kubeconfig (known contexts: ${known.join(', ') || 'none'})`,
      );
    }
    config.setCurrentContext(selection.context);
  }
  if (!config.getCurrentContext() || !config.getCurrentCluster()) {
    throw new KubeConfigError('the kubeconfig has no current context; pass --context NAME or run `kubectl config use-context NAME`');
  }
  allowPlainHttp(config);
  return config;
}

/**
 * kubectl talks to an `http://` server (e.g. `kubectl proxy`) as is; the library
 * refuses unless the cluster says insecure-skip-tls-verify, a setting that means
 * nothing without TLS. Set it for such clusters so they work as in kubectl.
 */
function allowPlainHttp(config: KubeConfig): void {
  const clusters = config.getClusters();
  if (!clusters.some((cluster) => cluster.server.startsWith('http:') && !cluster.skipTLSVerify)) return;
  config.loadFromOptions({
    clusters: clusters.map((cluster) => (cluster.server.startsWith('http:') ? { ...cluster, skipTLSVerify: true } : cluster)),
    users: config.getUsers(),
    contexts: config.getContexts(),
    currentContext: config.getCurrentContext(),
  });
}

function kubeconfigFiles(selection: ClusterSelection, env: Environment): string[] {
  if (selection.kubeconfig) {
    if (!existsSync(selection.kubeconfig)) throw new KubeConfigError(`kubeconfig file ${selection.kubeconfig} does not exist`);
    return [selection.kubeconfig];
  }
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file && existsSync(file));
  if (fromEnv.length > 0) return fromEnv;
  const home = env.HOME ?? env.USERPROFILE;
  const defaultFile = home ? join(home, '.kube', 'config') : undefined;
  return defaultFile && existsSync(defaultFile) ? [defaultFile] : [];
}

/** kubectl's KUBECONFIG rule: an entry from an earlier file wins over one of the same name later. */
function mergeFirstWins(config: KubeConfig, extra: KubeConfig): void {
  for (const cluster of extra.getClusters()) if (!config.getCluster(cluster.name)) config.addCluster(cluster);
  for (const user of extra.getUsers()) if (!config.getUser(user.name)) config.addUser(user);
  for (const context of extra.getContexts()) if (!config.getContextObject(context.name)) config.addContext(context);
  if (!config.getCurrentContext() && extra.getCurrentContext()) config.setCurrentContext(extra.getCurrentContext());
}

function loadFile(config: KubeConfig, file: string): void {
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
