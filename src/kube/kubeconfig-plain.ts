// TLS and credentials for the common kubeconfig — a server with its CA (or
// insecure-skip-tls-verify, tls-server-name), a bearer token or token file, a
// client certificate and key, an exec plugin (run by exec-plugin.ts either way) —
// without loading @kubernetes/client-node. Anything else in the current cluster
// or user entry (auth providers, basic auth, impersonation, proxy-url, fields we
// do not know) goes to the library (kubeconfig-library.ts).

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { KubeCluster, KubeUser } from './kubeconfig-entries.js';

const PLAIN_CLUSTER_FIELDS = new Set([
  'server',
  'certificate-authority',
  'certificate-authority-data',
  'insecure-skip-tls-verify',
  'tls-server-name',
  'extensions',
]);
const PLAIN_USER_FIELDS = new Set([
  'token',
  'tokenFile',
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'exec',
  'extensions',
]);

export function isPlain(cluster: KubeCluster, user: KubeUser | undefined): boolean {
  const only = (written: Record<string, unknown>, fields: Set<string>) => Object.keys(written).every((field) => fields.has(field));
  return only(cluster.written, PLAIN_CLUSTER_FIELDS) && (user === undefined || only(user.written, PLAIN_USER_FIELDS));
}

/**
 * Puts the cluster's TLS settings, the user's client certificate and bearer token
 * on each request, as the library does; one keep-alive agent carries them all, so
 * the requests of a command share connections (and TLS handshakes).
 */
export function plainCredentials(
  server: string,
  cluster: KubeCluster,
  user: KubeUser | undefined,
  token: string | undefined,
): (options: https.RequestOptions) => Promise<void> {
  const tls: https.RequestOptions = {};
  if (cluster.skipTLSVerify) tls.rejectUnauthorized = false;
  if (cluster.tlsServerName) tls.servername = cluster.tlsServerName;
  const ca = fileOrData(cluster.caFile, cluster.caData);
  const cert = fileOrData(user?.certFile, user?.certData);
  const key = fileOrData(user?.keyFile, user?.keyData);
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  const agent = server.startsWith('https:') ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const authorization = token ? `Bearer ${token}` : undefined;
  return async (options) => {
    Object.assign(options, tls);
    options.agent = agent;
    if (authorization) options.headers = { ...options.headers, Authorization: authorization };
  };
}

function fileOrData(file: string | undefined, data: string | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  return data ? Buffer.from(data, 'base64') : undefined;
}
