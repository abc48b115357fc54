// Kargo's urls.NormalizeGit: the form in which two Git URLs are compared
// (lower case, no credentials, no trailing `/` or `.git`, SCP-style as ssh://).

const SCP_SYNTAX = /^((?:[\w-]+@)?[\w-]+(?:\.[\w-]+)*)(?::(.*))?$/;

export function normalizeGitURL(repo: string): string {
  const lower = repo.trim().toLowerCase();
  if (/^(https?|ssh):\/\//.test(lower)) {
    let url: URL;
    try {
      url = new URL(lower);
    } catch {
      return repo;
    }
    if (url.search !== '') return repo;
    if (!lower.startsWith('ssh://')) {
      url.username = '';
      url.password = '';
    }
    const path = trimGitSuffix(url.pathname);
    const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
    return `${url.protocol}//${auth}${url.host}${path}`;
  }
  const match = SCP_SYNTAX.exec(lower);
  if (!match) return repo;
  const path = trimGitSuffix(match[2] ?? '');
  return path === '' ? `ssh://${match[1]}` : `ssh://${match[1]}/${path}`;
}

function trimGitSuffix(path: string): string {
  const withoutSlash = path.endsWith('/') ? path.slice(0, -1) : path;
  return withoutSlash.endsWith('.git') ? withoutSlash.slice(0, -4) : withoutSlash;
}
