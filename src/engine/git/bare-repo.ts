// Kargo's clone layout: a bare clone at <workDir>/repo-XXXXXX/repo whose
// parent directory is the clone's virtual HOME (identity and askpass helper),
// with each checkout added as a worktree at a path of the step's choosing.
// The repository remembers its home and original URL in its config so that
// later steps can load a worktree from its path alone.

import { mkdtemp, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { GitCommandError } from './command.js';
import { assertNotOption } from './errors.js';
import { effectiveUser, type GitUser } from './identity.js';
import { gitIn, installAskPass, type GitCredentials, type GitSession } from './session.js';
import { git, gitText, type RepoHandle } from './repo-handle.js';
import { withContext, wrapError } from './wrap-error.js';
import { writeGlobalConfig } from './global-config.js';

export const CONFIG_REPO_DIR = 'kargo.repoDir';
export const CONFIG_HOME_DIR = 'kargo.repoHomeDir';
export const CONFIG_ORIGINAL_URL = 'kargo.repoOriginalURL';

export type BareRepo = RepoHandle;

export interface CloneOptions {
  /** The directory under which the clone's home is created (the Promotion's workDir). */
  baseDir: string;
  user?: GitUser;
  credentials?: GitCredentials;
  insecureSkipTLSVerify?: boolean;
  blobless?: boolean;
  signal?: AbortSignal;
}

export async function cloneBare(url: string, options: CloneOptions): Promise<BareRepo> {
  assertNotOption(url, 'repository URL');
  const homeDir = await realpath(await mkdtemp(join(options.baseDir, 'repo-')));
  const session: GitSession = { homeDir, credentials: options.credentials, signal: options.signal };
  const dir = join(homeDir, 'repo');
  const user = effectiveUser(options.user);
  await writeGlobalConfig(homeDir, {
    init: { defaultBranch: 'main' },
    user: { name: user.name, email: user.email },
    ...(options.insecureSkipTLSVerify ? { http: { sslVerify: 'false' } } : {}),
  });
  if (options.credentials?.password) await installAskPass(homeDir);

  const remembered = [`${CONFIG_REPO_DIR}=${dir}`, `${CONFIG_HOME_DIR}=${homeDir}`, `${CONFIG_ORIGINAL_URL}=${url}`];
  const cloneArgs = [
    'clone',
    '--bare',
    ...(options.blobless ? ['--filter', 'blob:none'] : []),
    ...remembered.flatMap((setting) => ['--config', setting]),
    '--',
    url,
    dir,
  ];
  await wrapError(gitIn(homeDir, session)(cloneArgs), `error cloning repo "${url}" into "${dir}"`);
  return { dir, url, session };
}

/** Whether `branch` exists on the remote (`git ls-remote --exit-code` answers 2 when it does not). */
export async function remoteBranchExists(repo: RepoHandle, branch: string): Promise<boolean> {
  try {
    await git(repo, ['ls-remote', '--heads', '--exit-code', 'origin', `refs/heads/${branch}`]);
    return true;
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 2) return false;
    throw withContext(error, `error checking for existence of branch "${branch}" in remote repo "${repo.url}"`);
  }
}

/** The branch the remote's HEAD names (what a checkout without branch, tag or commit gets). */
export async function defaultBranch(repo: BareRepo): Promise<string> {
  return gitText(repo, ['symbolic-ref', '--short', 'HEAD']);
}
