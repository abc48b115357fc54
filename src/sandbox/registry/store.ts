// The registry's files: content-addressed blobs (manifests, configs, layers)
// under `blobs/sha256/<hex>`, and one file per tag under
// `repositories/<name>/tags/<tag>` holding the manifest's digest. Writes are
// atomic, so a reader never sees half a blob or a tag pointing at nothing.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ImageStore {
  /** The directory holding `blobs/` and `repositories/`. */
  readonly root: string;
}

/** Repository names as the OCI Distribution spec allows them (lower case, `/`-separated). */
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function imageStore(root: string): ImageStore {
  return { root };
}

export function isRepositoryName(name: string): boolean {
  return REPOSITORY.test(name);
}

export function isTag(tag: string): boolean {
  return TAG.test(tag);
}

export function isDigest(reference: string): boolean {
  return DIGEST.test(reference);
}

export function digestOf(content: Buffer): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

async function writeAtomic(path: string, content: Buffer | string): Promise<void> {
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, path);
}

function blobPath(store: ImageStore, digest: string): string {
  return join(store.root, 'blobs', 'sha256', digest.slice('sha256:'.length));
}

function tagsDir(store: ImageStore, repository: string): string {
  return join(store.root, 'repositories', ...repository.split('/'), 'tags');
}

/** Stores `content` under its digest and returns the digest. */
export async function writeBlob(store: ImageStore, content: Buffer): Promise<string> {
  const digest = digestOf(content);
  await mkdir(join(store.root, 'blobs', 'sha256'), { recursive: true });
  await writeAtomic(blobPath(store, digest), content);
  return digest;
}

export async function readBlob(store: ImageStore, digest: string): Promise<Buffer | undefined> {
  if (!isDigest(digest)) return undefined;
  return readFile(blobPath(store, digest)).catch(() => undefined);
}

export async function writeTag(store: ImageStore, repository: string, tag: string, digest: string): Promise<void> {
  await mkdir(tagsDir(store, repository), { recursive: true });
  await writeAtomic(join(tagsDir(store, repository), tag), `${digest}\n`);
}

/** The manifest digest a tag points at, or undefined. */
export async function resolveTag(store: ImageStore, repository: string, tag: string): Promise<string | undefined> {
  if (!isTag(tag)) return undefined;
  const text = await readFile(join(tagsDir(store, repository), tag), 'utf8').catch(() => undefined);
  return text?.trim() || undefined;
}

/** The repository's tags in lexical order (the order the spec asks for), or undefined when it has none. */
export async function listTags(store: ImageStore, repository: string): Promise<string[] | undefined> {
  const names = await readdir(tagsDir(store, repository)).catch(() => undefined);
  if (!names) return undefined;
  return names.filter((name) => isTag(name)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
