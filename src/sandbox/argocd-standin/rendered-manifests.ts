// What an Application's source renders to at a revision: the stand-in reads
// the plain manifests the promotion committed (the output of kustomize-build)
// straight from a local Git repository, and collects the container images
// they name. Only file:// repositories are read: the sandbox's own.

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
  for (const file of files) {
    for (const document of parseAllDocuments(await git(gitDir, ['show', `${commit}:${file}`]))) imagesIn(document.toJSON(), images);
  }
  return { revision: commit, images };
}
