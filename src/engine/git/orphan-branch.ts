// Creates a branch that does not exist on the remote yet: one empty "Initial
// commit" with no parent, pushed to the remote and kept as a local branch of
// the bare clone so that a worktree can check it out. (Kargo does this in a
// temporary `worktree add --orphan`, which needs git ≥ 2.42; plumbing works
// with any git and with an empty remote.)

import { join } from 'node:path';
import type { BareRepo } from './bare-repo.js';
import { assertNotOption } from './errors.js';
import { git, gitText } from './repo-handle.js';
import { withContext } from './wrap-error.js';

export async function createRemoteOrphanBranch(repo: BareRepo, branch: string): Promise<void> {
  assertNotOption(branch, 'branch');
  const emptyIndex = { GIT_INDEX_FILE: join(repo.session.homeDir, 'orphan-index') };
  const tree = (await git(repo, ['write-tree'], emptyIndex)).stdout.trim();
  let commit: string;
  try {
    commit = await gitText(repo, ['commit-tree', tree, '-m', 'Initial commit']);
  } catch (error) {
    throw withContext(error, `error making initial commit to new branch "${branch}" of repo ${repo.url}`);
  }
  try {
    await git(repo, ['push', 'origin', `${commit}:refs/heads/${branch}`]);
  } catch (error) {
    throw withContext(error, `error pushing initial commit to new branch "${branch}" to repo ${repo.url}`);
  }
  await git(repo, ['update-ref', `refs/heads/${branch}`, commit]);
}
