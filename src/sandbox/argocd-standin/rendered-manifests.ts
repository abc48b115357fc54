// What an Application's source renders to at a revision: the stand-in reads
// the manifests under the source's path straight from a local Git repository
// and collects the container images they name. A kustomization.yaml at the
// path is rendered as far as the sandbox needs: its `images` overrides
// (name → newName, newTag, digest), which is what kustomize-set-image writes.
// Only file:// repositories are read: the sandbox's own.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { AppSource } from './application.js';

export interface Rendered {
  /** The commit the source's revision resolved to. */
  revision: string;
  /** Every container image the manifests name, in order. */
  images: string[];
}

function git(gitDir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--git-dir', gitDir, ...args],
      { env: { PATH: process.env.PATH ?? '', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout)),
    );
  });
}

function repositoryPath(repoURL: string): string {
  if (!repoURL.startsWith('file://')) throw new Error(`the sandbox's Argo CD stand-in reads only local (file://) repositories, not ${repoURL}`);
  return fileURLToPath(repoURL);
}

/** Container images anywhere in a manifest (Pod templates, Pods, CronJobs …). */
function imagesIn(node: unknown, found: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) imagesIn(item, found);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const container of value) {
        const image = (container as { image?: unknown } | null)?.image;
        if (typeof image === 'string') found.push(image);
      }
    } else {
      imagesIn(value, found);
    }
  }
}

export async function renderSource(source: AppSource, revision?: string): Promise<Rendered> {
  const gitDir = repositoryPath(source.repoURL ?? '');
  const wanted = revision || source.targetRevision || 'HEAD';
  const commit = (await git(gitDir, ['rev-parse', '--verify', '--quiet', `${wanted}^{commit}`]).catch(() => '')).trim();
  if (!commit) throw new Error(`unable to resolve '${wanted}' to a commit SHA in ${source.repoURL ?? ''}`);
  const path = (source.path ?? '.').replace(/^\.\/?/, '').replace(/\/$/, '');
  const files = (await git(gitDir, ['ls-tree', '-r', '--name-only', commit, ...(path ? ['--', path] : [])]))
    .split('\n')
    .filter((file) => /\.(ya?ml|json)$/.test(file));
  const images: string[] = [];
  let overrides: KustomizeImage[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(await git(gitDir, ['show', `${commit}:${file}`]))) {
      const manifest = document.toJSON() as unknown;
      if (/(^|\/)kustomization\.ya?ml$/.test(file)) overrides = [...overrides, ...((manifest as { images?: KustomizeImage[] } | null)?.images ?? [])];
      else imagesIn(manifest, images);
    }
  }
  return { revision: commit, images: images.map((image) => overridden(image, overrides)) };
}

interface KustomizeImage {
  name?: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Kustomize's image transformer: an override whose `name` is the image's name replaces its name, tag or digest. */
function overridden(image: string, overrides: KustomizeImage[]): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const override = overrides.find((candidate) => candidate.name === name);
  if (!override) return image;
  const tag = override.newTag ?? (hasTag ? withoutDigest.slice(colon + 1) : undefined);
  const digest = override.digest ?? (at >= 0 && !override.newTag ? image.slice(at + 1) : undefined);
  return `${override.newName ?? name}${tag && !override.digest ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
