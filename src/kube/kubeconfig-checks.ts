// Checks the selected cluster and user of a loaded kubeconfig before any request,
// so a broken kubeconfig is reported as such (one line naming the entry) instead
// of surfacing later as a TypeError, an OpenSSL code or a 401:
// a `server:` that is not a URL, certificates and keys that are not PEM, a
// `tokenFile` that does not exist, an exec plugin without a command.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Cluster, User } from '@kubernetes/client-node/dist/config_types.js';
import { KubeConfigError, KubeCredentialsError } from './errors.js';
import { isExecPluginSpec, type ExecPluginSpec } from './exec-plugin.js';

/** kubectl (client-go) reads a server without a scheme as https://. */
export function checkedServer(cluster: Cluster): string {
  const server = cluster.server?.trim() ?? '';
  if (!server)
    throw new KubeConfigError(
      `cluster "${cluster.name}" in the kubeconfig has no server; set clusters[].cluster.server to the API server's URL, e.g. https://my-cluster.example:6443`,
    );
  // Without a scheme only host[:port][/path] is a server; "https:/" is a typo, not host "https".
  if (!server.includes('://') && !/^[^\s/:]+(:\d+)?(\/\S*)?$/.test(server)) throw notAUrl(cluster.name, server);
  const candidate = server.includes('://') ? server : `https://${server}`;
  let url: URL | undefined;
  try {
    url = new URL(candidate);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || /\s/.test(server)) throw notAUrl(cluster.name, server);
  return candidate;
}

function notAUrl(cluster: string, server: string): KubeConfigError {
  return new KubeConfigError(
    `cluster "${cluster}" in the kubeconfig has server "${server}", which is not an http(s) URL; expected e.g. https://my-cluster.example:6443`,
  );
}

function pemOf(file: string | undefined, data: string | undefined, describe: () => string, problem: (message: string) => Error): Buffer | undefined {
  if (file) {
    if (!existsSync(file)) throw problem(`${describe()} file ${file} does not exist`);
    return readFileSync(file);
  }
  return data ? Buffer.from(data, 'base64') : undefined;
}

export function checkClusterTls(cluster: Cluster): void {
  const ca = pemOf(
    cluster.caFile,
    cluster.caData,
    () => `certificate-authority of cluster "${cluster.name}"`,
    (message) => new KubeConfigError(message),
  );
  if (!ca) return;
  try {
    new X509Certificate(ca);
  } catch {
    throw new KubeConfigError(
      `certificate-authority${cluster.caFile ? '' : '-data'} of cluster "${cluster.name}" in the kubeconfig is not a PEM certificate; fix it or fetch the kubeconfig again`,
    );
  }
}

export function checkUserTls(user: User): void {
  const credentials = (message: string) => new KubeCredentialsError(message);
  const cert = pemOf(user.certFile, user.certData, () => `client-certificate of user "${user.name}"`, credentials);
  const key = pemOf(user.keyFile, user.keyData, () => `client-key of user "${user.name}"`, credentials);
  if (cert) {
    try {
      new X509Certificate(cert);
    } catch {
      throw credentials(
        `client-certificate${user.certFile ? '' : '-data'} of user "${user.name}" in the kubeconfig is not a PEM certificate; fix it or fetch the kubeconfig again`,
      );
    }
  }
  if (key) {
    try {
      createPrivateKey(key);
    } catch {
      throw credentials(
        `client-key${user.keyFile ? '' : '-data'} of user "${user.name}" in the kubeconfig is not a PEM private key; fix it or fetch the kubeconfig again`,
      );
    }
  }
}

/** The token in a user's `tokenFile` (a kubectl field the client library ignores). */
export function tokenFromFile(tokenFile: string, userName: string): string {
  if (!existsSync(tokenFile))
    throw new KubeCredentialsError(
      `the tokenFile ${tokenFile} of user "${userName}" in the kubeconfig does not exist; create it or point tokenFile at your token`,
    );
  const token = readFileSync(tokenFile, 'utf8').trim();
  if (!token) throw new KubeCredentialsError(`the tokenFile ${tokenFile} of user "${userName}" in the kubeconfig is empty`);
  return token;
}

export function execPluginOf(user: User): ExecPluginSpec | undefined {
  const exec: unknown = user.exec;
  if (exec === undefined || exec === null) return undefined;
  if (!isExecPluginSpec(exec) || exec.command.trim() === '')
    throw new KubeConfigError(`the exec credential plugin of user "${user.name}" in the kubeconfig has no command`);
  return exec;
}
