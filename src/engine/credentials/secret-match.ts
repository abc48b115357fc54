// Which credentials Secret serves a repository (Kargo's getCredentialsSecret):
// Secrets in name order; one whose `repoURLIsRegex` is "true" matches when its
// `repoURL` pattern matches the URL as given or normalized; any other matches
// when both URLs normalize to the same string. A Secret without data, without
// `repoURL`, or with a pattern that does not compile is passed over.

import { normalizeGitURL } from '../git/urls.js';

export interface CredentialSecret {
  name: string;
  /** Decoded `data` of the Secret. */
  data: Readonly<Record<string, string>>;
}

export const FIELD_REPO_URL = 'repoURL';
export const FIELD_REPO_URL_IS_REGEX = 'repoURLIsRegex';

function matchesPattern(pattern: string, urls: readonly string[]): boolean {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    return false;
  }
  return urls.some((url) => regex.test(url));
}

export function findCredentialSecret(secrets: readonly CredentialSecret[], repoURL: string): CredentialSecret | undefined {
  const normalized = normalizeGitURL(repoURL);
  const ordered = [...secrets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ordered.find((secret) => {
    const url = secret.data[FIELD_REPO_URL];
    if (url === undefined) return false;
    if (secret.data[FIELD_REPO_URL_IS_REGEX] === 'true') return matchesPattern(url, [repoURL, normalized]);
    return normalizeGitURL(url) === normalized;
  });
}
