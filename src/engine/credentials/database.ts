// Kargo's credentials database for git (pkg/credentials/kubernetes): Secrets
// labelled `kargo.akuity.io/cred-type: git`, first in the Project's namespace,
// then in the shared-resources namespace, read through KubeClient. Only
// username/password credentials are served (SSH keys are deprecated in Kargo
// and not supported here); plain http:// URLs get none unless allowed, as
// Kargo's ALLOW_CREDENTIALS_OVER_HTTP does.

import type { KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../model/kargo.js';
import type { GitCredentials } from '../git/session.js';
import { isPlainHttpURL } from '../git/urls.js';
import { engineResources } from '../kube-resources.js';
import { findCredentialSecret, type CredentialSecret } from './secret-match.js';

export const CREDENTIAL_TYPE_LABEL = 'kargo.akuity.io/cred-type';

export interface CredentialsOptions {
  /** Kargo's SHARED_RESOURCES_NAMESPACE (chart default `kargo-shared-resources`); empty to skip. */
  sharedNamespace: string;
  /** Kargo's ALLOW_CREDENTIALS_OVER_HTTP (default false). */
  allowOverHTTP: boolean;
}

export const DEFAULT_CREDENTIALS_OPTIONS: CredentialsOptions = {
  sharedNamespace: 'kargo-shared-resources',
  allowOverHTTP: false,
};

interface SecretObject extends KubeObject {
  data?: Record<string, string>;
}

function decode(secret: SecretObject): CredentialSecret {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) data[key] = Buffer.from(value, 'base64').toString('utf8');
  return { name: secret.metadata.name ?? '', data };
}

async function findIn(client: KubeClient, namespace: string, repoURL: string): Promise<CredentialSecret | undefined> {
  const { items } = await client.list<SecretObject>(engineResources.secret, namespace, {
    labelSelector: `${CREDENTIAL_TYPE_LABEL}=git`,
  });
  return findCredentialSecret(items.filter((secret) => secret.data).map(decode), repoURL);
}

async function lookUp(client: KubeClient, namespace: string, where: string, repoURL: string) {
  try {
    return await findIn(client, namespace, repoURL);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`failed to get git creds for ${repoURL} in ${where}namespace "${namespace}": ${reason}`, { cause: error });
  }
}

/** The git credentials for `repoURL` in `project`, or undefined when no Secret serves it. */
export async function getGitCredentials(
  client: KubeClient,
  project: string,
  repoURL: string,
  options: CredentialsOptions,
): Promise<GitCredentials | undefined> {
  if (!options.allowOverHTTP && isPlainHttpURL(repoURL)) return undefined;
  let secret = await lookUp(client, project, '', repoURL);
  if (!secret && options.sharedNamespace) secret = await lookUp(client, options.sharedNamespace, 'shared ', repoURL);
  const username = secret?.data.username;
  const password = secret?.data.password;
  return username && password ? { username, password } : undefined;
}
