// Finding the one Kustomization file in a directory, as kustomize names it.

import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveInWorkDir } from '../workdir.js';

const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export async function findKustomization(workDir: string, path: string): Promise<string> {
  const dir = resolveInWorkDir(workDir, path);
  const candidates: string[] = [];
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const stats = await lstat(join(dir, name)).catch(() => undefined);
    if (stats?.isFile()) candidates.push(name);
  }
  const [only] = candidates;
  if (only === undefined) throw new Error(`could not find any Kustomization files in ${JSON.stringify(path)}`);
  if (candidates.length > 1) {
    throw new Error(`ambiguous result: found multiple Kustomization files in ${JSON.stringify(path)}: [${candidates.join(' ')}]`);
  }
  return join(dir, only);
}
