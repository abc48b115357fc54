// The web address of a pushed commit, as Kargo's git providers build it: the
// provider named in the config, else the one the repository's host suggests
// (host containing "github"/"gitlab"/"gitea", *.ghe.com, dev.azure.com,
// *.visualstudio.com, bitbucket.org). No provider, no URL (e.g. file:// remotes).

import { normalizeGitURL } from './urls.js';

export const GIT_PROVIDERS = ['azure', 'bitbucket', 'gitea', 'github', 'gitlab'] as const;
export type GitProviderName = (typeof GIT_PROVIDERS)[number];

function parse(repoURL: string): URL | undefined {
  try {
    return new URL(normalizeGitURL(repoURL));
  } catch {
    return undefined;
  }
}

function inferProvider(url: URL): GitProviderName | undefined {
  const host = url.host;
  if (host.includes('github') || host.endsWith('.ghe.com')) return 'github';
  if (host.includes('gitlab')) return 'gitlab';
  if (host.includes('gitea')) return 'gitea';
  if (host === 'dev.azure.com' || host.endsWith('visualstudio.com')) return 'azure';
  if (url.hostname === 'bitbucket.org') return 'bitbucket';
  return undefined;
}

export function commitURL(repoURL: string, sha: string, provider?: GitProviderName): string | undefined {
  const url = parse(repoURL);
  if (!url?.host) return undefined;
  const path = url.pathname;
  switch (provider ?? inferProvider(url)) {
    case 'github': {
      const parts = path.replace(/^\//, '').split('/');
      return parts.length === 2 ? `https://${url.host}/${parts[0]}/${parts[1]}/commit/${sha}` : undefined;
    }
    case 'gitlab':
      return `https://${url.host}${path}/-/commit/${sha}`;
    case 'gitea':
      return `https://${url.host}${path}/commit/${sha}`;
    case 'azure':
      return `https://dev.azure.com${path.replace(/^\/v3/, '')}/commit/${sha}`;
    case 'bitbucket':
      return `https://${url.host}${path}/commits/${sha}`;
    default:
      return undefined;
  }
}
