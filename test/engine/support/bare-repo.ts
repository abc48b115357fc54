// Real git for engine tests: a bare repository on disk seeded with files,
// read back afterwards. Git runs isolated from the user's configuration.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Seed',
      GIT_AUTHOR_EMAIL: 'seed@example.com',
      GIT_COMMITTER_NAME: 'Seed',
      GIT_COMMITTER_EMAIL: 'seed@example.com',
    },
  }).trim();
}

export interface BareRepo {
  path: string;
  url: string;
  /** The seeded commit on `main`. */
  head: string;
}

/** A bare repository under `root` whose `main` holds `files` in one commit. */
export function seedBareRepo(root: string, files: Record<string, string>): BareRepo {
  const path = join(root, 'remote.git');
  git(root, ['init', '--quiet', '--bare', '--initial-branch=main', path]);
  const clone = mkdtempSync(join(tmpdir(), 'engine-seed-'));
  git(clone, ['init', '--quiet', '--initial-branch=main']);
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    writeFileSync(join(clone, file), contents);
  }
  git(clone, ['add', '.']);
  git(clone, ['commit', '--quiet', '-m', 'seed']);
  git(clone, ['push', '--quiet', path, 'HEAD:refs/heads/main']);
  return { path, url: pathToFileURL(path).href, head: git(clone, ['rev-parse', 'HEAD']) };
}
