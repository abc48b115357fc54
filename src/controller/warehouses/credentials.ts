// Kargo's credentials database (pkg/credentials/kubernetes) for images and
// Helm charts: Secrets labelled `kargo.akuity.io/cred-type: image|helm`, in
// the Project's namespace then the shared one, in name order; `repoURL`
// matched after Kargo's per-type normalization, or as a regular expression
// when `repoURLIsRegex` is "true"; plain http:// URLs get none unless allowed.
// Git goes through the engine's database (the same rules).

import { getGitCredentials, type CredentialsOptions } from '../../engine/credentials/database.js';
import type { KubeClient } from '../../kube/client.js';
import { resources } from '../../kube/resources.js';
import { CREDENTIAL_TYPE_LABEL } from '../../model/labels.js';
import type { Secret } from '../../model/kargo.js';
import { normalizeImageURL } from './image-reference.js';

export interface BasicCredentials {
  username: string;
  password: string;
}

export type CredentialsLookup = (type: 'git' | 'image' | 'helm', project: string, repoURL: string) => Promise<BasicCredentials | undefined>;

/** Kargo's urls.NormalizeChart. */
export function normalizeChartURL(repoURL: string): string {
  return normalizeImageURL(
    repoURL
      .trim()
      .toLowerCase()
      .replace(/^oci:\/\//, ''),
  );
}

function matches(data: Record<string, string>, repoURL: string, normalize: (url: string) => string): boolean {
  const url = data.repoURL;
  if (url === undefined) return false;
  if (data.repoURLIsRegex === 'true') {
    try {
      const regex = new RegExp(url);
      return regex.test(repoURL) || regex.test(normalize(repoURL));
    } catch {
      return false;
    }
  }
  return normalize(url) === normalize(repoURL);
}

async function findIn(client: KubeClient, namespace: string, type: 'image' | 'helm', repoURL: string): Promise<Record<string, string> | undefined> {
  const { items } = await client.list<Secret>(resources.secret, namespace, { labelSelector: `${CREDENTIAL_TYPE_LABEL}=${type}` });
  const normalize = type === 'image' ? normalizeImageURL : normalizeChartURL;
  const sorted = items.filter((secret) => secret.data).sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  for (const secret of sorted) {
    const data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
    if (matches(data, repoURL, normalize)) return data;
  }
  return undefined;
}

export function credentialsFromKube(client: KubeClient, options: CredentialsOptions): CredentialsLookup {
  return async (type, project, repoURL) => {
    if (type === 'git') return getGitCredentials(client, project, repoURL, options);
    if (!options.allowOverHTTP && repoURL.startsWith('http://')) return undefined;
    let data: Record<string, string> | undefined;
    for (const [namespace, where] of [
      [project, ''],
      [options.sharedNamespace, 'shared '],
    ] as const) {
      if (!namespace) continue;
      try {
        data = await findIn(client, namespace, type, repoURL);
      } catch (error) {
        throw new Error(
          `failed to get ${type} creds for ${repoURL} in ${where}namespace "${namespace}": ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (data) break;
    }
    return data?.username && data.password ? { username: data.username, password: data.password } : undefined;
  };
}
