// Loads the kubeconfig the way kubectl does: --kubeconfig, else every file in
// KUBECONFIG merged (first file wins), else ~/.kube/config, else the in-cluster
// service account. Environment comes from the caller so tests stay hermetic.
// Imports the KubeConfig module file directly: the package root re-exports the
// whole generated API, which would triple the lazy chunk (see scripts/build.mjs).

import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { ClusterSelection } from './cluster-selection.js';
import { KubeConfigError } from './errors.js';
import type { ExecPluginSpec } from './exec-plugin.js';
import { checkClusterTls, checkUserTls, checkedServer, execPluginOf, tokenFromTokenFile } from './kubeconfig-checks.js';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadedKubeConfig {
  /** Cluster, user and TLS material of the current context, checked; the user's exec plugin removed. */
  config: KubeConfig;
  /** The current user's exec plugin, run by exec-plugin.ts (with a time limit) rather than by the library. */
  execPlugin?: ExecPluginSpec;
  userName: string;
}

export function loadKubeConfig(selection: ClusterSelection, env: Environment): LoadedKubeConfig {
  const config = new KubeConfig();
  const files = kubeconfigFiles(selection, env);
  const withContent = files.filter(hasContent);
  if (files.length > 0 && withContent.length === 0) {
    throw new KubeConfigError(
      `kubeconfig ${files.join(', ')} is empty: it defines no cluster, user or context; pass --kubeconfig FILE or fetch your cluster's kubeconfig again`,
    );
  }
  if (withContent.length > 0) {
    loadFile(config, withContent[0]!);
    for (const file of withContent.slice(1)) {
      const extra = new KubeConfig();
      loadFile(extra, file);
      mergeFirstWins(config, extra);
    }
  } else if (existsSync(SERVICE_ACCOUNT_TOKEN)) {
    config.loadFromCluster();
  } else {
    throw new KubeConfigError('no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, or run inside a cluster');
  }
  if (selection.context) {
    if (!config.getContextObject(selection.context)) {
      const known = config.getContexts().map((context) => context.name);
      throw new KubeConfigError(`context "${selection.context}" is not in the kubeconfig (known contexts: ${known.join(', ') || 'none'})`);
    }
    config.setCurrentContext(selection.context);
  }
  const context = config.getContextObject(config.getCurrentContext());
  if (context && !config.getCluster(context.cluster)) {
    throw new KubeConfigError(
      `context "${context.name}" names cluster "${context.cluster}", which is not in the kubeconfig; fix the context or pass --context NAME`,
    );
  }
  if (!config.getCurrentContext() || !config.getCurrentCluster()) {
    throw new KubeConfigError('the kubeconfig has no current context; pass --context NAME or run `kubectl config use-context NAME`');
  }
  return checkedCurrentEntries(config, withContent);
}

/**
 * Checks the current cluster and user and rebuilds the config with what the
 * library cannot do as kubectl does: a server without a scheme (https://), a
 * plain http:// server (the library refuses unless insecure-skip-tls-verify,
 * which means nothing without TLS), `tokenFile`, and the exec plugin taken out
 * to be run with a time limit.
 */
function checkedCurrentEntries(config: KubeConfig, files: string[]): LoadedKubeConfig {
  const current = config.getCurrentCluster()!;
  const server = checkedServer(current);
  checkClusterTls(current);
  const user = config.getCurrentUser();
  const userName = user?.name ?? '';
  let execPlugin: ExecPluginSpec | undefined;
  let token: string | undefined;
  if (user) {
    checkUserTls(user);
    execPlugin = execPluginOf(user);
    token = user.token ? undefined : tokenFromTokenFile(files, user.name);
  }
  const cluster = { ...current, server, skipTLSVerify: current.skipTLSVerify || server.startsWith('http:') };
  config.loadFromOptions({
    clusters: config.getClusters().map((candidate) => (candidate.name === current.name ? cluster : candidate)),
    users: config.getUsers().map((candidate) => (candidate.name !== userName ? candidate : { ...candidate, exec: undefined, ...(token ? { token } : {}) })),
    contexts: config.getContexts(),
    currentContext: config.getCurrentContext(),
  });
  return { config, userName, ...(execPlugin ? { execPlugin } : {}) };
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

/** Whether a file holds a kubeconfig at all: empty and comment-only files count as empty (as for kubectl). */
function hasContent(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${firstLineOf(error)}`, { cause: error });
  }
  if (document === null || document === undefined) return false;
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new KubeConfigError(`${file} is not a kubeconfig: expected a YAML mapping with clusters, users and contexts`);
  }
  return true;
}

function firstLineOf(error: unknown): string {
  return ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').replace(/:$/, '');
}

function loadFile(config: KubeConfig, file: string): void {
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${firstLineOf(error)}`, { cause: error });
  }
}
