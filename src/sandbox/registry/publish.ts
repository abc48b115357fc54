// Publishing an image into the store: a real OCI image (an empty layer, a
// config with `created`, platform and labels, a manifest with optional
// annotations), every part stored under its sha256 digest, then the tag
// moved to the manifest. Republishing a tag re-points it (tags are mutable).

import { type ImageStore, isRepositoryName, isTag, writeBlob, writeTag } from './store.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar';
/** An empty tar archive: two zero blocks. */
const EMPTY_LAYER = Buffer.alloc(1024);

export interface PublishOptions {
  /** The config's `created` time (default: now). */
  created?: Date | string;
  /** The config's `config.Labels`. */
  labels?: Readonly<Record<string, string>>;
  /** The manifest's `annotations` (what Kargo records on discovered images). */
  annotations?: Readonly<Record<string, string>>;
  /** Default linux/amd64. */
  os?: string;
  architecture?: string;
}

export interface PublishedImage {
  repository: string;
  tag: string;
  /** The manifest's digest (what `Docker-Content-Digest` answers for the tag). */
  digest: string;
  configDigest: string;
  created: string;
}

/** Writes an image and points `repository:tag` at it. Throws on an invalid name or tag. */
export async function publishImage(store: ImageStore, repository: string, tag: string, options: PublishOptions = {}): Promise<PublishedImage> {
  if (!isRepositoryName(repository))
    throw new Error(`invalid repository name ${JSON.stringify(repository)}: lower-case letters, digits and separators (. _ - /)`);
  if (!isTag(tag)) throw new Error(`invalid tag ${JSON.stringify(tag)}: up to 128 letters, digits, '_', '.', '-', not starting with '.' or '-'`);
  const created = new Date(options.created ?? Date.now()).toISOString().replace('.000Z', 'Z');
  const layerDigest = await writeBlob(store, EMPTY_LAYER);
  const config = Buffer.from(
    JSON.stringify({
      created,
      architecture: options.architecture ?? 'amd64',
      os: options.os ?? 'linux',
      config: options.labels && Object.keys(options.labels).length > 0 ? { Labels: { ...options.labels } } : {},
      rootfs: { type: 'layers', diff_ids: [layerDigest] },
    }),
  );
  const configDigest = await writeBlob(store, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.length },
      layers: [{ mediaType: OCI_LAYER, digest: layerDigest, size: EMPTY_LAYER.length }],
      ...(options.annotations && Object.keys(options.annotations).length > 0 ? { annotations: { ...options.annotations } } : {}),
    }),
  );
  const digest = await writeBlob(store, manifest);
  await writeTag(store, repository, tag, digest);
  return { repository, tag, digest, configDigest, created };
}
