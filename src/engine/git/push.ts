// `git push` as Kargo's WorkTree.Push does it: a tag is pushed as is; a branch
// first takes in what the remote gained since the clone (`pull --rebase`, the
// AlwaysRebase policy) unless forced, then goes to HEAD:<target>. A rejection
// because the remote moved again is a NonFastForwardError (worth a retry); a
// rebase that stops on a conflict is a MergeConflictError (never is).

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { remoteBranchExists } from './bare-repo.js';
import { GitCommandError } from './command.js';
import { assertNotOption, MergeConflictError, NonFastForwardError } from './errors.js';
import { git, gitText, type RepoHandle } from './repo-handle.js';
import { currentBranch, type WorkTree } from './work-tree.js';
import { withContext } from './wrap-error.js';

export interface PushOptions {
  /** The remote branch; the current branch when empty. Ignored when `tag` is set. */
  targetBranch?: string;
  tag?: string;
  force?: boolean;
  /** Rebase onto the remote branch before pushing (Kargo's AlwaysRebase); off for force and tag pushes. */
  integrate: boolean;
}

// Kargo's nonFastForwardRegex: what git prints when the remote ref moved under us.
const NON_FAST_FORWARD = /^\s*!\s+\[(?:remote )?rejected\].+\((?:non-fast-forward|fetch first|cannot lock ref.*|incorrect old value provided)\)\s*$/m;

export async function push(workTree: WorkTree, options: PushOptions): Promise<void> {
  if (options.tag) {
    assertNotOption(options.tag, 'tag');
    try {
      await git(workTree, ['push', 'origin', 'tag', options.tag]);
    } catch (error) {
      throw withContext(error, 'error pushing tag');
    }
    return;
  }
  const target = options.targetBranch || (await currentBranch(workTree));
  assertNotOption(target, 'branch');
  if (options.integrate && (await remoteBranchExists(workTree, target))) await pullRebase(workTree, target);
  try {
    await git(workTree, ['push', 'origin', `HEAD:${target}`, ...(options.force ? ['--force'] : [])]);
  } catch (error) {
    if (error instanceof GitCommandError && NON_FAST_FORWARD.test(error.output)) throw new NonFastForwardError(error.output.trim());
    throw withContext(error, 'error pushing branch');
  }
}

async function pullRebase(workTree: WorkTree, branch: string): Promise<void> {
  try {
    await git(workTree, ['pull', '--rebase', 'origin', branch]);
  } catch (error) {
    if (await isRebasing(workTree)) throw new MergeConflictError(branch);
    throw withContext(error, 'error pulling and rebasing branch');
  }
}

async function isRebasing(repo: RepoHandle): Promise<boolean> {
  for (const marker of ['rebase-merge', 'rebase-apply']) {
    const path = await gitText(repo, ['rev-parse', '--git-path', marker]);
    if (existsSync(resolve(repo.dir, path))) return true;
  }
  return false;
}
