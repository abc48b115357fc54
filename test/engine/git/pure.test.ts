// The git layer's pure parts, with expected values from Kargo's own tables
// (pkg/urls/git_test.go, pkg/gitprovider/*/…_test.go TestGetCommitURL).

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGlobalConfig } from '../../../src/engine/git/global-config.js';
import { findCredentialSecret } from '../../../src/engine/credentials/secret-match.js';
import { commitURL, type GitProviderName } from '../../../src/engine/git/commit-url.js';
import { KeyedLock } from '../../../src/engine/git/keyed-lock.js';
import { pushPauses } from '../../../src/engine/git/push-backoff.js';
import { GitCommandError, runGit } from '../../../src/engine/git/command.js';
import { redactText } from '../../../src/engine/git/redact.js';
import { gitEnvironment } from '../../../src/engine/git/session.js';
import { normalizeGitURL } from '../../../src/engine/git/urls.js';

describe('normalizeGitURL (Kargo TestNormalizeGit)', () => {
  const cases: Record<string, string> = {
    'https://not a url': 'https://not a url',
    'http://github.com/example/repo?foo=bar': 'http://github.com/example/repo?foo=bar',
    'ssh://not a url': 'ssh://not a url',
    'ssh://github.com/example/repo?foo=bar': 'ssh://github.com/example/repo?foo=bar',
    'not even remotely a url': 'not even remotely a url',
    'https://github.com': 'https://github.com',
    'https://github.com/': 'https://github.com',
    'https://foo:bar@github.com': 'https://github.com',
    'https://foo:bar@github.com/': 'https://github.com',
    'https://github.com/example/repo': 'https://github.com/example/repo',
    'https://github.com/example/repo/': 'https://github.com/example/repo',
    'https://github.com/example/repo.git': 'https://github.com/example/repo',
    'https://github.com/example/repo.git/': 'https://github.com/example/repo',
    'https://localhost:8443/example/repo': 'https://localhost:8443/example/repo',
    'https://localhost:8443/example/repo.git/': 'https://localhost:8443/example/repo',
    'https://foo:bar@github.com/example/repo.git/': 'https://github.com/example/repo',
    'https://foo:bar@localhost:8443/example/repo.git': 'https://localhost:8443/example/repo',
    'ssh://git.example.com': 'ssh://git.example.com',
    'ssh://git.example.com/': 'ssh://git.example.com',
    'ssh://git@git.example.com': 'ssh://git@git.example.com',
    'ssh://git@git.example.com/': 'ssh://git@git.example.com',
    'ssh://github.com/example/repo.git/': 'ssh://github.com/example/repo',
    'ssh://localhost:2222/example/repo.git': 'ssh://localhost:2222/example/repo',
    'ssh://git@github.com/example/repo/': 'ssh://git@github.com/example/repo',
    'ssh://git@localhost:2222/example/repo.git/': 'ssh://git@localhost:2222/example/repo',
    'git.example.com': 'ssh://git.example.com',
    'git@git.example.com': 'ssh://git@git.example.com',
    'github.com:example/repo': 'ssh://github.com/example/repo',
    'github.com:example/repo.git/': 'ssh://github.com/example/repo',
    'git@github.com:example/repo': 'ssh://git@github.com/example/repo',
    'git@github.com:example/repo.git/': 'ssh://git@github.com/example/repo',
    'HTTPS://GitHub.com/Example/Repo.git': 'https://github.com/example/repo',
  };
  it.each(Object.entries(cases))('%s → %s', (input, expected) => {
    expect(normalizeGitURL(input)).toBe(expected);
  });
});

describe('commitURL (Kargo TestGetCommitURL)', () => {
  const cases: [GitProviderName | undefined, string, string | undefined][] = [
    ['github', 'ssh://git@github.com/akuity/kargo.git', 'https://github.com/akuity/kargo/commit/sha'],
    ['github', 'git@github.com:akuity/kargo.git', 'https://github.com/akuity/kargo/commit/sha'],
    ['github', 'https://username@github.com/akuity/kargo', 'https://github.com/akuity/kargo/commit/sha'],
    ['github', 'http://github.com/akuity/kargo.git', 'https://github.com/akuity/kargo/commit/sha'],
    ['gitlab', 'ssh://git@gitlab.com/akuity/kargo.git', 'https://gitlab.com/akuity/kargo/-/commit/sha'],
    ['gitlab', 'git@gitlab.com:akuity/kargo.git', 'https://gitlab.com/akuity/kargo/-/commit/sha'],
    ['gitlab', 'http://gitlab.com/akuity/kargo', 'https://gitlab.com/akuity/kargo/-/commit/sha'],
    ['gitea', 'git@custom.host.com:akuity/kargo', 'https://custom.host.com/akuity/kargo/commit/sha'],
    ['gitea', 'http://custom.host.com/akuity/kargo', 'https://custom.host.com/akuity/kargo/commit/sha'],
    ['azure', 'ssh://git@ssh.dev.azure.com/akuity/_git/kargo', 'https://dev.azure.com/akuity/_git/kargo/commit/sha'],
    ['azure', 'git@ssh.dev.azure.com:v3/akuity/_git/kargo', 'https://dev.azure.com/akuity/_git/kargo/commit/sha'],
    ['bitbucket', 'git@bitbucket.org:akuity/kargo.git', 'https://bitbucket.org/akuity/kargo/commits/sha'],
    ['bitbucket', 'https://username@bitbucket.org/akuity/kargo', 'https://bitbucket.org/akuity/kargo/commits/sha'],
    // Inferred from the host, as Kargo's provider registry does.
    [undefined, 'https://github.com/akuity/kargo.git', 'https://github.com/akuity/kargo/commit/sha'],
    [undefined, 'https://my.ghe.com/team/app', 'https://my.ghe.com/team/app/commit/sha'],
    [undefined, 'https://gitlab.example.com/group/sub/app', 'https://gitlab.example.com/group/sub/app/-/commit/sha'],
    [undefined, 'https://gitea.example.com/o/r', 'https://gitea.example.com/o/r/commit/sha'],
    [undefined, 'https://dev.azure.com/org/proj/_git/repo', 'https://dev.azure.com/org/proj/_git/repo/commit/sha'],
    [undefined, 'https://bitbucket.org/o/r', 'https://bitbucket.org/o/r/commits/sha'],
    [undefined, 'https://git.example.com/o/r', undefined],
    [undefined, 'file:///tmp/repo.git', undefined],
    ['github', 'https://github.com/too/many/parts', undefined],
  ];
  it.each(cases)('%s %s', (provider, repoURL, expected) => {
    expect(commitURL(repoURL, 'sha', provider)).toBe(expected);
  });
});

describe('redactText', () => {
  it('masks given secrets and URL passwords', () => {
    expect(redactText('fatal: https://bot:hunter2@host/repo failed with hunter2', [])).toBe('fatal: https://bot:***@host/repo failed with hunter2');
    expect(redactText('token abc123 and abc123', ['abc123'])).toBe('token *** and ***');
    expect(redactText('nothing here', [''])).toBe('nothing here');
  });
});

describe('pushPauses (Kargo: wait.Backoff{Steps: maxAttempts, 1s, ×1.5, jitter 0.5, cap 30s})', () => {
  it('pauses 1s, 1.5s, … between attempts, with at most 9 attempts once the cap cuts the steps', () => {
    expect(pushPauses(1, () => 0)).toEqual([]);
    expect(pushPauses(3, () => 0)).toEqual([1000, 1500]);
    const nine = [1000, 1500, 2250, 3375, 5062.5, 7593.75, 11390.625, 17085.9375];
    expect(pushPauses(9, () => 0)).toEqual(nine);
    expect(pushPauses(10, () => 0)).toEqual(nine);
    expect(pushPauses(2147483647, () => 0)).toEqual(nine);
  });

  it('adds up to 50% jitter to each pause', () => {
    expect(pushPauses(3, () => 1)).toEqual([1500, 2250]);
  });
});

describe('findCredentialSecret (Kargo getCredentialsSecret)', () => {
  const secret = (name: string, data: Record<string, string>) => ({ name, data });

  it('matches normalized URLs, takes Secrets in name order, and passes over bad patterns', () => {
    const secrets = [
      secret('z-exact', { repoURL: 'https://github.com/example/repo' }),
      secret('a-broken-regex', { repoURL: '(', repoURLIsRegex: 'true' }),
      secret('b-regex', { repoURL: '^https://github\\.com/example/.*$', repoURLIsRegex: 'true' }),
      secret('c-no-url', { username: 'x' }),
    ];
    expect(findCredentialSecret(secrets, 'https://github.com/example/repo.git')?.name).toBe('b-regex');
    expect(
      findCredentialSecret(
        secrets.filter((s) => s.name !== 'b-regex'),
        'HTTPS://github.com/Example/Repo.git/',
      )?.name,
    ).toBe('z-exact');
    expect(findCredentialSecret(secrets, 'https://gitlab.com/example/repo')).toBeUndefined();
  });

  it('tries a pattern on the URL as given and as normalized', () => {
    const pattern = [secret('p', { repoURL: '\\.git$', repoURLIsRegex: 'true' })];
    expect(findCredentialSecret(pattern, 'https://host/repo.git')?.name).toBe('p');
    const normalizedOnly = [secret('n', { repoURL: '^https://host/repo$', repoURLIsRegex: 'true' })];
    expect(findCredentialSecret(normalizedOnly, 'https://user@HOST/repo.git/')?.name).toBe('n');
  });
});

describe('KeyedLock', () => {
  it('runs work for one key one at a time, and other keys alongside', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const task = (key: string, name: string, ms: number) =>
      lock.run(key, async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`end ${name}`);
      });
    await Promise.all([task('a', 'a1', 30), task('a', 'a2', 1), task('b', 'b1', 1)]);
    expect(events.indexOf('end a1')).toBeLessThan(events.indexOf('start a2'));
    expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
  });
});

describe('the git process environment and errors', () => {
  it('inherits only PATH, TMPDIR and proxies, never prompts, and passes credentials as variables', () => {
    const env = gitEnvironment(
      { homeDir: '/work/repo-1', credentials: { username: 'bot', password: 'pw' } },
      {},
      { PATH: '/bin', GIT_DIR: '/elsewhere', HOME: '/root', https_proxy: 'http://proxy:3128', SECRET_TOKEN: 'x' },
    );
    expect(env).toEqual({
      PATH: '/bin',
      https_proxy: 'http://proxy:3128',
      HOME: '/work/repo-1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
      GIT_HTTP_LOW_SPEED_LIMIT: '1024',
      GIT_HTTP_LOW_SPEED_TIME: '30',
      GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
      GIT_ASKPASS: '/work/repo-1/askpass.sh',
      KARGO_GIT_USERNAME: 'bot',
      KARGO_GIT_PASSWORD: 'pw',
    });
  });

  it('masks secrets and URL passwords in the command and output of a failed git', async () => {
    const error = await runGit(['ls-remote', 'http://bot:hunter2@127.0.0.1:1/repo.git'], {
      cwd: process.cwd(),
      env: gitEnvironment({ homeDir: process.cwd() }),
      secrets: ['hunter2'],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitCommandError);
    const failure = error as GitCommandError;
    expect(failure.command).toBe('git ls-remote http://bot:***@127.0.0.1:1/repo.git');
    expect(failure.exitCode).toBe(128);
    expect(`${failure.message}${failure.output}`).not.toContain('hunter2');
  });
});

describe('writeGlobalConfig', () => {
  it('writes values git reads back exactly, quotes and backslashes included', async () => {
    const home = await mkdtemp(join(tmpdir(), 'kargo-gitconfig-'));
    try {
      const name = 'O\'Brien "Bot" \\ #1; tab\there';
      await writeGlobalConfig(home, { user: { name, email: 'bot@example.com' }, http: { sslVerify: 'false' } });
      const read = (key: string) => execFileSync('git', ['config', '--file', join(home, '.gitconfig'), key], { encoding: 'utf8' }).replace(/\n$/, '');
      expect(read('user.name')).toBe(name);
      expect(read('user.email')).toBe('bot@example.com');
      expect(read('http.sslVerify')).toBe('false');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
