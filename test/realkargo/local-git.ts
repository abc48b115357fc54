// A bare git repository on local disk (file:// URL) with one commit on main,
// for Kargo's git-clone step without any network.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'tier',
  GIT_AUTHOR_EMAIL: 'tier@example.com',
  GIT_COMMITTER_NAME: 'tier',
  GIT_COMMITTER_EMAIL: 'tier@example.com',
};

export interface LocalGitRepo {
  url: string;
  commit: string;
}

export function createLocalGitRepo(dir: string): LocalGitRepo {
  const bare = join(dir, 'config.git');
  const work = join(dir, 'config-work');
  mkdirSync(work, { recursive: true });
  const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
  git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  git(work, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(work, 'values.yaml'), 'image: shop:1.0.0\n');
  git(work, 'add', 'values.yaml');
  git(work, 'commit', '--quiet', '-m', 'initial');
  git(work, 'push', '--quiet', bare, 'main');
  return { url: `file://${bare}`, commit: git(work, 'rev-parse', 'HEAD') };
}
