// The clusters, users and contexts of kubeconfig files, read the way
// @kubernetes/client-node reads them (same fields, same checks, same messages,
// certificate and key paths made absolute against the file's folder) but with the
// YAML parser kargo loads anyway, so a command need not load the client library
// to learn where the cluster is. Files merge as in kubectl: first name wins.

import { dirname, isAbsolute, join } from 'node:path';
import type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';

/** A user as the client library holds it, with kubectl's `tokenFile` and the entry as written. */
export interface KubeUser extends User {
  tokenFile?: string;
  written: Record<string, unknown>;
}

/** A cluster as the client library holds it, with the entry as written. */
export interface KubeCluster extends Cluster {
  written: Record<string, unknown>;
}

export interface KubeconfigEntries {
  clusters: KubeCluster[];
  users: KubeUser[];
  contexts: Context[];
  currentContext: string | undefined;
}

type Entry = Record<string, unknown>;

export function entriesOf(document: Record<string, unknown>, file: string): KubeconfigEntries {
  const folder = dirname(file);
  const current = document['current-context'];
  return {
    clusters: listOf(document.clusters).map((entry, index) => clusterOf(entry, index, folder)),
    users: listOf(document.users).map((entry, index) => userOf(entry, index, folder)),
    contexts: listOf(document.contexts).map(contextOf),
    currentContext: typeof current === 'string' && current !== '' ? current : undefined,
  };
}

/** kubectl's KUBECONFIG rule: an entry from an earlier file wins over one of the same name later. */
export function mergeFirstWins(into: KubeconfigEntries, extra: KubeconfigEntries): void {
  const add = <T extends { name: string }>(list: T[], more: T[]) => {
    for (const item of more) if (!list.some((known) => known.name === item.name)) list.push(item);
  };
  add(into.clusters, extra.clusters);
  add(into.users, extra.users);
  add(into.contexts, extra.contexts);
  into.currentContext ??= extra.currentContext;
}

export function findByName<T extends { name: string }>(list: T[], name: string | undefined): T | undefined {
  return name === undefined ? undefined : list.find((item) => item.name === name);
}

function listOf(value: unknown): Entry[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'object' && item !== null ? (item as Entry) : {})) : [];
}

function section(entry: Entry, key: string): Entry | undefined {
  const value = entry[key];
  return typeof value === 'object' && value !== null ? (value as Entry) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function absolute(folder: string, file: string | undefined): string | undefined {
  return file === undefined || isAbsolute(file) ? file : join(folder, file);
}

function clusterOf(entry: Entry, index: number, folder: string): KubeCluster {
  const name = text(entry.name);
  if (!name) throw new Error(`clusters[${index}].name is missing`);
  const cluster = section(entry, 'cluster');
  if (!cluster) throw new Error(`clusters[${index}].cluster is missing`);
  const server = cluster.server;
  if (!server) throw new Error(`clusters[${index}].cluster.server is missing`);
  const caFile = absolute(folder, text(cluster['certificate-authority']));
  const caData = text(cluster['certificate-authority-data']);
  const tlsServerName = text(cluster['tls-server-name']);
  const proxyUrl = text(cluster['proxy-url']);
  return {
    name,
    server: String(server).replace(/\/$/, ''),
    skipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
    ...(caFile ? { caFile } : {}),
    ...(caData ? { caData } : {}),
    ...(tlsServerName ? { tlsServerName } : {}),
    ...(proxyUrl ? { proxyUrl } : {}),
    written: cluster,
  };
}

function userOf(entry: Entry, index: number, folder: string): KubeUser {
  const name = text(entry.name);
  if (!name) throw new Error(`users[${index}].name is missing`);
  const user = section(entry, 'user') ?? {};
  const certFile = absolute(folder, text(user['client-certificate']));
  const keyFile = absolute(folder, text(user['client-key']));
  const tokenFile = absolute(folder, text(user.tokenFile));
  const fields: Record<string, unknown> = {
    authProvider: user['auth-provider'],
    certData: text(user['client-certificate-data']),
    certFile,
    exec: user.exec,
    keyData: text(user['client-key-data']),
    keyFile,
    token: text(user.token),
    password: user.password,
    username: user.username,
    impersonateUser: user.as,
    tokenFile,
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
  return { name, ...defined, written: user } as KubeUser;
}

function contextOf(entry: Entry, index: number): Context {
  const name = text(entry.name);
  if (!name) throw new Error(`contexts[${index}].name is missing`);
  const context = section(entry, 'context');
  if (!context) throw new Error(`contexts[${index}].context is missing`);
  const cluster = text(context.cluster);
  if (!cluster) throw new Error(`contexts[${index}].context.cluster is missing`);
  const user = text(context.user);
  const namespace = text(context.namespace);
  return { name, cluster, user: user as string, ...(namespace ? { namespace } : {}) };
}
