// An image's metadata as Kargo's repository client reads it
// (pkg/image/repository_client.go): digest, creation time (the
// `org.opencontainers.image.created` or `org.label-schema.build-date`
// annotation, then the config label, then the config's `created`), the
// manifest's annotations and, for an index, its platforms (the newest
// platform image dates the index).

import type { RegistryClient } from './registry-client.js';

export interface Platform {
  os: string;
  arch: string;
  variant: string;
  annotations?: Record<string, string>;
}

export interface ImageMetadata {
  tag: string;
  digest: string;
  createdAt?: Date;
  annotations?: Record<string, string>;
  platforms: Platform[];
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const IMAGE_TYPES = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);
const CREATED_KEYS = ['org.opencontainers.image.created', 'org.label-schema.build-date'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function creationTime(sources: (Record<string, string> | undefined)[], fallback: string | undefined): Date | undefined {
  for (const source of sources) {
    for (const key of CREATED_KEYS) {
      const text = source?.[key];
      if (text && RFC3339.test(text)) return new Date(text);
    }
  }
  return fallback ? new Date(fallback) : undefined;
}

async function singleImage(client: RegistryClient, digest: string, manifest: Record<string, unknown>): Promise<ImageMetadata> {
  const configDigest = (manifest.config as { digest?: string } | undefined)?.digest ?? '';
  const config = JSON.parse((await client.blob(configDigest)).toString('utf8')) as { created?: string; config?: { Labels?: unknown } };
  const annotations = stringMap(manifest.annotations);
  const createdAt = creationTime([annotations, stringMap(config.config?.Labels)], config.created);
  return { tag: '', digest, ...(createdAt ? { createdAt } : {}), ...(annotations ? { annotations } : {}), platforms: [] };
}

/** The image `reference` (a tag or digest) names. */
export async function imageMetadata(client: RegistryClient, reference: string): Promise<ImageMetadata> {
  const fetched = await client.manifest(reference);
  if (IMAGE_TYPES.has(fetched.mediaType)) return singleImage(client, fetched.digest, fetched.body);
  if (!INDEX_TYPES.has(fetched.mediaType)) throw new Error(`unknown artifact type: ${fetched.mediaType}`);
  const entries =
    (fetched.body.manifests as { digest?: string; platform?: { os?: string; architecture?: string; variant?: string }; annotations?: unknown }[] | undefined) ??
    [];
  const platforms: Platform[] = [];
  let createdAt: Date | undefined;
  for (const entry of entries) {
    const os = entry.platform?.os ?? '';
    const arch = entry.platform?.architecture ?? '';
    // Attestations and other non-images carry no (or an "unknown") platform.
    if (!os || os === 'unknown' || !arch || arch === 'unknown') continue;
    const child = await imageMetadata(client, entry.digest ?? '');
    if (child.createdAt && (!createdAt || child.createdAt > createdAt)) createdAt = child.createdAt;
    const annotations = stringMap(entry.annotations);
    platforms.push({ os, arch, variant: entry.platform?.variant ?? '', ...(annotations ? { annotations } : {}) });
  }
  if (platforms.length === 0) throw new Error('empty V2 manifest list or OCI index is not supported');
  const annotations = stringMap(fetched.body.annotations);
  return { tag: '', digest: fetched.digest, ...(createdAt ? { createdAt } : {}), ...(annotations ? { annotations } : {}), platforms };
}
