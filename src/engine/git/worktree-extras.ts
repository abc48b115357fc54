// The optional parts of a checkout: a sparse (cone-mode) pattern check as
// Kargo's validateSparsePatterns does it, and submodules.

import { isAbsolute } from 'node:path';
import { git } from './repo-handle.js';
import type { WorkTree } from './work-tree.js';
import { wrapError } from './wrap-error.js';

export function sparseCheckoutProblem(patterns: readonly string[]): string | undefined {
  for (const pattern of patterns) {
    if (isAbsolute(pattern)) return `sparse checkout pattern must be relative: ${pattern}`;
    if (pattern.startsWith('..')) return `sparse checkout pattern cannot escape repository: ${pattern}`;
    if (/[*?[]/.test(pattern)) {
      return `sparse checkout pattern cannot contain glob characters (*, ?, [): ${pattern}; ` + "use directory paths like 'src/app' instead";
    }
  }
  return undefined;
}

export async function submoduleUpdate(workTree: WorkTree, displayPath: string): Promise<void> {
  await wrapError(
    wrapError(git(workTree, ['submodule', 'update', '--init', '--recursive']), 'error updating submodules'),
    `error updating submodules for worktree at ${displayPath}`,
  );
}
