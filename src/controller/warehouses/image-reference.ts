// An image repository URL as go-containerregistry reads it (name.ParseReference):
// no registry part means Docker Hub (`nginx` → index.docker.io/library/nginx,
// served at registry-1.docker.io); localhost, loopback and private addresses
// are spoken to over plain HTTP, everything else over HTTPS. Also Kargo's
// urls.NormalizeImage, the form credentials Secrets are matched in.

export interface ImageRepository {
  /** As go-containerregistry names it (`index.docker.io` for Docker Hub). */
  registry: string;
  repository: string;
  /** `https://host[:port]` or `http://…`. */
  baseURL: string;
}

const DOCKER_HUB = 'index.docker.io';

function isRegistryPart(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

function plainHTTP(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name === '::1') return true;
  const octets = name.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet))) return false;
  const [a = 0, b = 0] = octets;
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168);
}

export function parseImageRepository(repoURL: string): ImageRepository {
  const text = repoURL.trim();
  if (text === '' || /[:@]/.test(text.split('/').slice(1).join('/')))
    throw new Error(`error parsing image repo URL ${repoURL}: a repository must not carry a tag or digest`);
  const parts = text.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && isRegistryPart(parts[0] ?? '')) registry = parts.shift() ?? DOCKER_HUB;
  if (registry === 'docker.io') registry = DOCKER_HUB;
  let repository = parts.join('/');
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)) {
    throw new Error(
      `error parsing image repo URL ${repoURL}: repository can only contain the characters \`abcdefghijklmnopqrstuvwxyz0123456789_-./\`: ${repository}`,
    );
  }
  const host = registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
  return { registry, repository, baseURL: `${plainHTTP(registry) ? 'http' : 'https'}://${host}` };
}

/** Kargo's urls.NormalizeImage. */
export function normalizeImageURL(repoURL: string): string {
  try {
    const { registry, repository } = parseImageRepository(repoURL.toLowerCase());
    if (registry === DOCKER_HUB || registry === 'registry-1.docker.io') return repository.replace(/^library\//, '');
    return `${registry}/${repository}`;
  } catch {
    return repoURL;
  }
}
