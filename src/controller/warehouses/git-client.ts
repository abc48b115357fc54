// The system git as Kargo's warehouse discovery drives it
// (pkg/controller/git): `ls-remote` from a throwaway home, and a
// `clone --no-tags --single-branch` whose log, tags and diffs the commit
// selectors read. Each home directory holds the askpass helper when there are
// credentials, and is removed when discovery is done.

import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitCommandError } from '../../engine/git/command.js';
import { assertNotOption } from '../../engine/git/errors.js';
import { type GitCredentials, gitIn, installAskPass } from '../../engine/git/session.js';

export interface GitClientOptions {
  /** Where the throwaway homes go. */
  baseDir: string;
  credentials?: GitCredentials;
  insecureSkipTLSVerify?: boolean;
  signal?: AbortSignal;
}

export interface RemoteRef {
  name: string;
  id: string;
}

export interface DiscoveryClone {
  run(args: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

async function newHome(options: GitClientOptions): Promise<{ homeDir: string; run: (cwd: string, args: readonly string[]) => Promise<string> }> {
  const homeDir = await realpath(await mkdtemp(join(options.baseDir, 'repo-')));
  if (options.insecureSkipTLSVerify) await writeFile(join(homeDir, '.gitconfig'), '[http]\n\tsslVerify = false\n');
  if (options.credentials?.password) await installAskPass(homeDir);
  const session = { homeDir, ...(options.credentials ? { credentials: options.credentials } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  return { homeDir, run: async (cwd, args) => (await gitIn(cwd, session)(args)).stdout };
}

function failure(message: string, error: unknown): Error {
  const detail = error instanceof GitCommandError ? error.message : error instanceof Error ? error.message : String(error);
  return new Error(`${message}: ${detail}`, { cause: error });
}

/** `git ls-remote <url> <patterns…>`, peeled `^{}` entries dropped, as Kargo's LsRemote. */
export async function lsRemote(repoURL: string, patterns: readonly string[], options: GitClientOptions): Promise<RemoteRef[]> {
  assertNotOption(repoURL, 'repository URL');
  const { homeDir, run } = await newHome(options);
  try {
    const output = await run(homeDir, ['ls-remote', repoURL, ...patterns]).catch((error: unknown) => {
      throw failure(`error listing refs in remote repo "${repoURL}"`, error);
    });
    const refs: RemoteRef[] = [];
    for (const line of output.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const name = line.slice(tab + 1);
      if (!name.endsWith('^{}')) refs.push({ name, id: line.slice(0, tab) });
    }
    return refs;
  } finally {
    await rm(homeDir, { recursive: true, force: true });
  }
}

/** A clone for reading history only (no checkout). */
export async function cloneForDiscovery(repoURL: string, branch: string, options: GitClientOptions): Promise<DiscoveryClone> {
  assertNotOption(repoURL, 'repository URL');
  if (branch) assertNotOption(branch, 'branch');
  const { homeDir, run } = await newHome(options);
  const dir = join(homeDir, 'repo');
  try {
    await run(homeDir, ['clone', '--no-tags', '--no-checkout', ...(branch ? ['--branch', branch] : []), '--single-branch', '--', repoURL, dir]);
  } catch (error) {
    await rm(homeDir, { recursive: true, force: true });
    throw failure(`error cloning git repo "${repoURL}"`, error);
  }
  return {
    run: (args) => run(dir, args),
    close: () => rm(homeDir, { recursive: true, force: true }),
  };
}
