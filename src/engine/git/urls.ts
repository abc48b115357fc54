// Kargo's canonical form of a Git URL (pkg/urls.NormalizeGit), used to match
// credentials: lower-cased, trimmed, no userinfo, no trailing "/" or ".git".
// SCP-style URLs become ssh:// URLs; anything unrecognised is returned as-is.

const SCP_STYLE = /^((?:[\w-]+@)?[\w-]+(?:\.[\w-]+)*)(?::(.*))?$/;

function sanitize(url: string): string {
  return url.replace(/\p{C}/gu, '').trim();
}

function trimRepoPath(path: string): string {
  return path.replace(/\/$/, '').replace(/\.git$/, '');
}

export function normalizeGitURL(repoURL: string): string {
  const url = sanitize(repoURL.toLowerCase());
  if (/^(https?|ssh):\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return repoURL;
    }
    if (parsed.search) return repoURL;
    if (!url.startsWith('ssh://')) {
      parsed.username = '';
      parsed.password = '';
    }
    parsed.pathname = trimRepoPath(parsed.pathname);
    return parsed.toString().replace(/\/$/, '');
  }
  const scp = SCP_STYLE.exec(url);
  if (!scp) return repoURL;
  const path = trimRepoPath(scp[2] ?? '');
  return path ? `ssh://${scp[1]}/${path}` : `ssh://${scp[1]}`;
}

export function isPlainHttpURL(repoURL: string): boolean {
  return repoURL.startsWith('http://');
}
