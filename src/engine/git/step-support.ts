// What every git step does first: find the worktree a config's `path` names,
// inside the Promotion's working directory only, and (for steps that talk to
// the remote) hand it the Project's credentials for its repository.

import { realpathSync } from 'node:fs';
import { installAskPass } from './session.js';
import { getGitCredentials } from '../credentials/database.js';
import type { StepContext } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';
import type { GitStepOptions } from './step-options.js';
import { loadWorkTree, type WorkTree } from './work-tree.js';
import { withContext } from './wrap-error.js';

export async function openWorkTree(context: StepContext, path: string): Promise<WorkTree> {
  const absolute = resolveInWorkDir(context.workDir, path);
  try {
    return await loadWorkTree(absolute, { signal: context.signal, ceiling: realpathSync(context.workDir) });
  } catch (error) {
    throw withContext(error, `error loading working tree from ${path}`);
  }
}

export async function credentialsFor(context: StepContext, repoURL: string, options: GitStepOptions) {
  try {
    return await getGitCredentials(context.client, context.project, repoURL, options.credentials);
  } catch (error) {
    throw withContext(error, `error getting credentials for ${repoURL}`);
  }
}

/** The worktree at `path`, set up to authenticate to its remote with the Project's credentials. */
export async function openWorkTreeWithCredentials(context: StepContext, path: string, options: GitStepOptions): Promise<WorkTree> {
  const workTree = await openWorkTree(context, path);
  const credentials = await credentialsFor(context, workTree.url, options);
  if (!credentials) return workTree;
  await installAskPass(workTree.session.homeDir);
  return { ...workTree, session: { ...workTree.session, credentials } };
}
