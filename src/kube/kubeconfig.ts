// Loads the kubeconfig the way kubectl does: --kubeconfig, else every file in
// KUBECONFIG merged (first file wins), else ~/.kube/config, else the in-cluster
// service account. Environment comes from the caller so tests stay hermetic.
// kargo reads the files itself (kubeconfig-entries.ts); a token, a client
// certificate or an exec plugin needs nothing more (kubeconfig-plain.ts), and
// only other kinds of credentials load @kubernetes/client-node (kubeconfig-library.ts).

import { existsSync, readFileSync } from 'node:fs';
import type https from 'node:https';

import { parseConfigYaml } from '../runtime/config-yaml.js';
import type { ClusterSelection } from './cluster-selection.js';
import { KubeConfigError } from './errors.js';
import type { ExecPluginSpec } from './exec-plugin.js';
import { checkClusterTls, checkUserTls, checkedServer, execPluginOf, tokenFromFile } from './kubeconfig-checks.js';
import { entriesOf, findByName, mergeFirstWins, type KubeconfigEntries } from './kubeconfig-entries.js';
import { type Environment, kubeconfigFiles } from './kubeconfig-files.js';
import { isPlain, plainCredentials } from './kubeconfig-plain.js';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface LoadedKubeConfig {
  contextName: string;
  /** The current cluster's server URL, checked (https:// when written without a scheme), without a trailing slash. */
  server: string;
  namespace?: string;
  userName: string;
  /** The current user's exec plugin, run by exec-plugin.ts (with a time limit) rather than by the library. */
  execPlugin?: ExecPluginSpec;
  /** Who puts TLS settings and credentials on requests: kargo itself, or @kubernetes/client-node. */
  reader: 'kargo' | 'client-library';
  /** Puts the cluster's TLS settings and the user's own credentials (not the exec plugin's) on one request. */
  applyTo(options: https.RequestOptions): Promise<void>;
}

export async function loadKubeConfig(selection: ClusterSelection, env: Environment): Promise<LoadedKubeConfig> {
  const files = kubeconfigFiles(selection, env);
  const documents = files.flatMap((file) => {
    const document = readDocument(file);
    return document ? [{ file, document }] : [];
  });
  if (files.length > 0 && documents.length === 0) {
    throw new KubeConfigError(
      `kubeconfig ${files.join(', ')} is empty: it defines no cluster, user or context; pass --kubeconfig FILE or fetch your cluster's kubeconfig again`,
    );
  }
  let entries: KubeconfigEntries;
  if (documents.length > 0) {
    const [first, ...rest] = documents.map(({ file, document }) => entriesIn(document, file));
    entries = first!;
    for (const extra of rest) mergeFirstWins(entries, extra);
  } else if (existsSync(SERVICE_ACCOUNT_TOKEN)) {
    entries = (await import('./kubeconfig-library.js')).inClusterEntries();
  } else {
    throw new KubeConfigError('no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, or run inside a cluster');
  }
  if (selection.context) {
    if (!findByName(entries.contexts, selection.context)) {
      const known = entries.contexts.map((context) => context.name);
      throw new KubeConfigError(`context "${selection.context}" is not in the kubeconfig (known contexts: ${known.join(', ') || 'none'})`);
    }
    entries.currentContext = selection.context;
  }
  const context = findByName(entries.contexts, entries.currentContext);
  const cluster = findByName(entries.clusters, context?.cluster);
  if (context && !cluster) {
    throw new KubeConfigError(
      `context "${context.name}" names cluster "${context.cluster}", which is not in the kubeconfig; fix the context or pass --context NAME`,
    );
  }
  if (!context || !cluster) {
    throw new KubeConfigError('the kubeconfig has no current context; pass --context NAME or run `kubectl config use-context NAME`');
  }
  return checkedConnection(entries, context, selection.insecureSkipTlsVerify ? withoutTlsVerification(cluster) : cluster);
}

/** kubectl's --insecure-skip-tls-verify: no certificate check, and the CA is dropped rather than half-used. */
function withoutTlsVerification(cluster: KubeconfigEntries['clusters'][number]): KubeconfigEntries['clusters'][number] {
  const { caFile: _file, caData: _data, ...rest } = cluster;
  return { ...rest, skipTLSVerify: true };
}

/**
 * Checks the current cluster and user, then settles what kubectl does and the
 * library does not: a server without a scheme (https://), a plain http:// server
 * (which the library refuses unless insecure-skip-tls-verify), `tokenFile`, and
 * the exec plugin taken out to be run with a time limit.
 */
async function checkedConnection(
  entries: KubeconfigEntries,
  context: KubeconfigEntries['contexts'][number],
  current: KubeconfigEntries['clusters'][number],
): Promise<LoadedKubeConfig> {
  const server = checkedServer(current);
  checkClusterTls(current);
  const user = findByName(entries.users, context.user);
  let execPlugin: ExecPluginSpec | undefined;
  let token: string | undefined;
  if (user) {
    checkUserTls(user);
    execPlugin = execPluginOf(user);
    token = user.token ?? (user.tokenFile ? tokenFromFile(user.tokenFile, user.name) : undefined);
  }
  const cluster = { ...current, server, skipTLSVerify: current.skipTLSVerify || server.startsWith('http:') };
  const base = {
    contextName: context.name,
    server: server.replace(/\/+$/, ''),
    ...(context.namespace ? { namespace: context.namespace } : {}),
    userName: user?.name ?? '',
    ...(execPlugin ? { execPlugin } : {}),
  };
  if (isPlain(cluster, user)) return { ...base, reader: 'kargo', applyTo: plainCredentials(server, cluster, user, token) };
  const { libraryCredentials } = await import('./kubeconfig-library.js');
  const libraryUser = user ? { ...user, exec: undefined, ...(token ? { token } : {}) } : undefined;
  return { ...base, reader: 'client-library', applyTo: libraryCredentials(entries, context, cluster, libraryUser) };
}

/** The file's YAML mapping; undefined for empty and comment-only files (kubectl skips them too). */
function readDocument(file: string): Record<string, unknown> | undefined {
  let document: unknown;
  try {
    document = parseConfigYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${firstLineOf(error)}`, { cause: error });
  }
  if (document === null || document === undefined) return undefined;
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new KubeConfigError(`${file} is not a kubeconfig: expected a YAML mapping with clusters, users and contexts`);
  }
  return document as Record<string, unknown>;
}

function entriesIn(document: Record<string, unknown>, file: string): KubeconfigEntries {
  try {
    return entriesOf(document, file);
  } catch (error) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${firstLineOf(error)}`, { cause: error });
  }
}

function firstLineOf(error: unknown): string {
  return ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').replace(/:$/, '');
}
