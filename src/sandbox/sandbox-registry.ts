// The sandbox's OCI registry as the sandbox runs it: on the same 127.0.0.1
// port at every start (Warehouses and manifests name images by it), with a
// user and password made at first start and kept 0600 in the state dir, and
// images published by `kargo sandbox push-image`. A release pushed with
// --broken carries a label the Argo CD stand-in reads to run it as broken.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import type { SandboxPaths } from './paths.js';
import { imageStore, publishImage, startRegistry, type PublishedImage, type RunningRegistry } from './registry/index.js';
import { readBlob, resolveTag } from './registry/store.js';

/** The image config label that marks a release as broken. */
export const BROKEN_LABEL = 'io.kargo-cli.sandbox.broken';

export interface RegistrySettings {
  port?: number;
  username: string;
  password: string;
}

export function registrySettings(paths: SandboxPaths): RegistrySettings {
  if (existsSync(paths.registryFile)) return JSON.parse(readFileSync(paths.registryFile, 'utf8')) as RegistrySettings;
  const settings: RegistrySettings = { username: 'kargo', password: randomBytes(18).toString('base64url') };
  mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(paths.registryFile, `${JSON.stringify(settings, null, 2)}\n`, 0o600);
  return settings;
}

/** Starts the registry on its recorded port (a free one the first time, then recorded). */
export async function startSandboxRegistry(paths: SandboxPaths): Promise<RunningRegistry> {
  const settings = registrySettings(paths);
  const registry = await startRegistry({
    store: imageStore(paths.registryDir),
    credentials: { username: settings.username, password: settings.password },
    port: settings.port ?? 0,
  });
  if (settings.port !== registry.port) writeFileAtomic(paths.registryFile, `${JSON.stringify({ ...settings, port: registry.port }, null, 2)}\n`, 0o600);
  return registry;
}

/** The registry's host (`127.0.0.1:<port>`), once it has run; image references start with it. */
export function registryHost(paths: SandboxPaths): string | undefined {
  const port = registrySettings(paths).port;
  return port ? `127.0.0.1:${port}` : undefined;
}

export function pushImage(paths: SandboxPaths, repository: string, tag: string, options: { broken: boolean; created?: Date }): Promise<PublishedImage> {
  return publishImage(imageStore(paths.registryDir), repository, tag, {
    ...(options.created ? { created: options.created } : {}),
    labels: { 'org.opencontainers.image.version': tag, ...(options.broken ? { [BROKEN_LABEL]: 'true' } : {}) },
  });
}

async function readJson(paths: SandboxPaths, digest: string): Promise<unknown> {
  const blob = await readBlob(imageStore(paths.registryDir), digest);
  return blob ? (JSON.parse(blob.toString('utf8')) as unknown) : undefined;
}

/** Whether `image` (`127.0.0.1:<port>/name:tag`) is a release of this registry pushed as broken. */
export async function isBrokenImage(paths: SandboxPaths, image: string): Promise<boolean> {
  const host = registryHost(paths);
  if (!host || !image.startsWith(`${host}/`)) return false;
  const reference = image.slice(host.length + 1).split('@')[0] ?? '';
  const colon = reference.lastIndexOf(':');
  const [repository, tag] = colon > 0 ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, 'latest'];
  const digest = await resolveTag(imageStore(paths.registryDir), repository, tag);
  if (!digest) return false;
  const manifest = (await readJson(paths, digest)) as { config?: { digest?: string } } | undefined;
  const config = manifest?.config?.digest
    ? ((await readJson(paths, manifest.config.digest)) as { config?: { Labels?: Record<string, string> } } | undefined)
    : undefined;
  return config?.config?.Labels?.[BROKEN_LABEL] === 'true';
}
