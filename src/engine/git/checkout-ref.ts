// What a git-clone checkout puts in its worktree: the branch (created on the
// remote first when `create` allows it), the commit, the tag, or — when none
// is given — the remote's default branch, as Kargo's schema documents.

import { defaultBranch, remoteBranchExists, type BareRepo } from './bare-repo.js';
import { createRemoteOrphanBranch } from './orphan-branch.js';
import { withContext } from './wrap-error.js';

export interface CheckoutSpec {
  branch?: string;
  commit?: string;
  tag?: string;
  create?: boolean;
}

export async function checkoutRef(repo: BareRepo, checkout: CheckoutSpec): Promise<string> {
  if (checkout.branch) {
    try {
      await ensureRemoteBranch(repo, checkout.branch, checkout.create ?? false);
    } catch (error) {
      throw withContext(error, `error ensuring existence of remote branch ${checkout.branch}`);
    }
    return checkout.branch;
  }
  return checkout.commit || checkout.tag || defaultBranch(repo);
}

async function ensureRemoteBranch(repo: BareRepo, branch: string, create: boolean): Promise<void> {
  let exists: boolean;
  try {
    exists = await remoteBranchExists(repo, branch);
  } catch (error) {
    throw withContext(error, `error checking if remote branch "${branch}" of repo ${repo.url} exists`);
  }
  if (exists) return;
  if (!create) {
    throw new Error(
      `remote branch "${branch}" of repo ${repo.url} does not exist; set create=true if you'd like ` +
        'a non-existent remote branch to be automatically created at checkout',
    );
  }
  await createRemoteOrphanBranch(repo, branch);
}
