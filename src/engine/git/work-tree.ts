// A worktree of a clone made by cloneBare: added at a path, or loaded back
// from that path by a later step (its home and URL come from the config the
// clone wrote), and the plain operations the git steps use.

import { realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CONFIG_HOME_DIR, CONFIG_ORIGINAL_URL, type BareRepo } from './bare-repo.js';
import { runGit } from './command.js';
import { assertNotOption } from './errors.js';
import { identityEnvironment, type GitUser } from './identity.js';
import { git, gitText, type RepoHandle } from './repo-handle.js';
import type { GitCredentials } from './session.js';
import { withContext, wrapError } from './wrap-error.js';

export type WorkTree = RepoHandle;

export interface AddWorkTreeOptions {
  /** A branch, tag or commit. */
  ref: string;
  /** Directories for a cone-mode sparse checkout. */
  sparse?: readonly string[];
}

export async function addWorkTree(repo: BareRepo, path: string, options: AddWorkTreeOptions): Promise<WorkTree> {
  try {
    assertNotOption(options.ref, 'ref');
    await git(repo, ['worktree', 'add', '--', path, options.ref]);
  } catch (error) {
    throw withContext(error, `error adding working tree at "${path}"`);
  }
  const workTree: WorkTree = { dir: await realpath(path), url: repo.url, session: repo.session };
  if (options.sparse?.length) {
    await wrapError(git(workTree, ['sparse-checkout', 'set', '--cone', '--', ...options.sparse]), `error configuring sparse checkout for "${path}"`);
  }
  return workTree;
}

export interface LoadOptions {
  credentials?: GitCredentials;
  signal?: AbortSignal;
  /** Git looks for the repository from `path` upward, but never in this directory or above (the workDir). */
  ceiling?: string;
}

/** Loads the worktree at `path` (made by git-clone), or at a directory inside it. */
export async function loadWorkTree(path: string, options: LoadOptions = {}): Promise<WorkTree> {
  const { stdout } = await wrapError(
    runGit(['config', '--get-regexp', '^kargo\\.'], {
      cwd: path,
      env: {
        PATH: process.env.PATH,
        HOME: path,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CEILING_DIRECTORIES: options.ceiling ?? dirname(path),
        LC_ALL: 'C',
      },
      signal: options.signal,
    }),
    'error reading repo home dir from config',
  );
  // `--get-regexp` prints "<lower-cased key> <value>" per line.
  const settings = new Map(
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const space = line.indexOf(' ');
        return [line.slice(0, space), line.slice(space + 1)] as const;
      }),
  );
  const homeDir = settings.get(CONFIG_HOME_DIR.toLowerCase());
  const url = settings.get(CONFIG_ORIGINAL_URL.toLowerCase());
  if (!homeDir || !url) throw new Error(`error reading repo home dir from config: ${path} is not a working tree made by git-clone`);
  return { dir: path, url, session: { homeDir, credentials: options.credentials, signal: options.signal } };
}

export async function addAll(workTree: WorkTree): Promise<void> {
  await wrapError(git(workTree, ['add', '.']), 'error staging changes for commit');
}

/** `git rm -rf .`: removes every tracked file (call addAll first to include untracked ones). */
export async function clearWorkTree(workTree: WorkTree): Promise<void> {
  await wrapError(git(workTree, ['rm', '-rf', '--ignore-unmatch', '--quiet', '.']), 'error clearing worktree');
}

export async function hasDiffs(workTree: WorkTree): Promise<boolean> {
  const status = await wrapError(git(workTree, ['status', '-s']), 'error checking status of branch');
  return status.stdout.length > 0;
}

export function lastCommitID(workTree: WorkTree): Promise<string> {
  return wrapError(gitText(workTree, ['rev-parse', 'HEAD']), 'error obtaining ID of last commit');
}

export function currentBranch(workTree: WorkTree): Promise<string> {
  return wrapError(gitText(workTree, ['branch', '--show-current']), `error checking current branch for repo "${workTree.url}"`);
}

export async function createTag(workTree: WorkTree, tag: string, message: string, force: boolean): Promise<void> {
  try {
    assertNotOption(tag, 'tag');
    await git(workTree, ['tag', '-a', tag, '-m', message, ...(force ? ['--force'] : [])]);
  } catch (error) {
    throw withContext(error, `error creating annotated tag "${tag}"`);
  }
}

export interface CommitOptions {
  allowEmpty?: boolean;
  /** Author and committer of this commit only; the clone's identity otherwise. */
  author?: GitUser;
}

export async function commit(workTree: WorkTree, message: string, options: CommitOptions = {}): Promise<void> {
  const args = ['commit', '-m', message, ...(options.allowEmpty ? ['--allow-empty'] : [])];
  const env = options.author ? identityEnvironment(options.author) : {};
  await wrapError(git(workTree, args, env), 'error committing changes');
}
