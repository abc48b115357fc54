// A local repository (bare clone or worktree) as the git helpers see it.

import type { GitOutput } from './command.js';
import { gitIn, type GitSession } from './session.js';

export interface RepoHandle {
  /** Absolute path git runs in. */
  dir: string;
  /** The remote URL exactly as the user gave it. */
  url: string;
  session: GitSession;
}

export function git(repo: RepoHandle, args: readonly string[], extraEnv?: Record<string, string>): Promise<GitOutput> {
  return gitIn(repo.dir, repo.session, extraEnv)(args);
}

/** Runs git and returns its trimmed stdout. */
export async function gitText(repo: RepoHandle, args: readonly string[]): Promise<string> {
  return (await git(repo, args)).stdout.trim();
}
