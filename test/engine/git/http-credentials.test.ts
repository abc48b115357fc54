// Credentials from Secrets over a real smart-HTTP git server (git
// http-backend behind basic auth): the right password works, a wrong or
// missing one fails fast, and the password never shows up in an output, an
// error or a file — and a remote that moves between rebase and push is
// retried on Kargo's schedule.

import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { DEFAULT_CREDENTIALS_OPTIONS } from '../../../src/engine/credentials/database.js';
import { engineResources } from '../../../src/engine/kube-resources.js';
import { resources } from '../../../src/kube/resources.js';
import { gitStepOptions } from '../../../src/engine/git/step-options.js';
import { createGitCloneStep } from '../../../src/engine/steps/git-clone.js';
import { gitCommitStep } from '../../../src/engine/steps/git-commit.js';
import { createGitPushStep } from '../../../src/engine/steps/git-push.js';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server.js';
import { gitSync, pushFiles, RecordingClock, stepContext, tempDir, useCluster } from './support.js';

const USERNAME = 'kargo-bot';
const PASSWORD = 'Pa55-w0rd-that-must-stay-secret';
const WRONG_PASSWORD = 'Wrong-pa55-that-must-also-stay-secret';

const { client } = useCluster();
const options = gitStepOptions({ credentials: { ...DEFAULT_CREDENTIALS_OPTIONS, allowOverHTTP: true }, random: () => 0 });
const cloneStep = createGitCloneStep(options);
const pushStep = createGitPushStep(options);

let root: string;
let server: GitHttpServer;
let moveOnPushAdvertisement: 'never' | 'once' | 'always' = 'never';
let project = 0;

async function ensureNamespace(kube: KubeClient, name: string) {
  await kube.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }).catch(() => undefined);
}

async function gitSecret(namespace: string, name: string, data: Record<string, string>) {
  await ensureNamespace(client(), namespace);
  await client().create(
    engineResources.secret,
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, labels: { 'kargo.akuity.io/cred-type': 'git' } }, stringData: data } as never,
    namespace,
  );
}

/** A fresh project namespace and a repository on the server holding one commit. */
async function setUp(secretFor?: (url: string) => { namespace?: string; data: Record<string, string> }) {
  const name = `proj-${++project}`;
  const repo = `${name}.git`;
  gitSync(root, ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
  gitSync(join(root, repo), ['config', 'http.receivepack', 'true']);
  await pushFiles(join(root, repo), 'main', { 'app.yaml': 'image: v1\n' }, 'initial');
  await ensureNamespace(client(), name);
  const secret = secretFor?.(server.url(repo));
  if (secret) await gitSecret(secret.namespace ?? name, `creds-${name}`, secret.data);
  const workDir = await tempDir('kargo-http-workdir-');
  const clock = new RecordingClock();
  return { repoPath: join(root, repo), url: server.url(repo), workDir, clock, context: stepContext(workDir, client(), { project: name, clock }) };
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

async function expectNoSecretOnDisk(dir: string) {
  for (const file of await filesUnder(dir)) {
    if ((await stat(file)).size > 5_000_000) continue;
    const text = await readFile(file, 'latin1');
    expect({ file, hasPassword: text.includes(PASSWORD) || text.includes(WRONG_PASSWORD) }).toEqual({ file, hasPassword: false });
  }
}

function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, current.stack ?? '', JSON.stringify(current));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  // Not tempDir(): that one is emptied after every test.
  root = await mkdtemp(join(tmpdir(), 'kargo-http-root-'));
  server = await startGitHttpServer({
    root,
    username: USERNAME,
    password: PASSWORD,
    beforeBackend: async ({ method, path, query }) => {
      if (moveOnPushAdvertisement === 'never' || method !== 'GET' || query !== 'service=git-receive-pack') return;
      if (moveOnPushAdvertisement === 'once') moveOnPushAdvertisement = 'never';
      const repo = join(root, path.split('/')[1] ?? '');
      await pushFiles(repo, 'main', { [`other-${Date.now()}-${Math.random()}.txt`]: 'theirs\n' }, 'a concurrent change');
    },
  });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const basicAuth = (repoURL: string) => ({ data: { repoURL, username: USERNAME, password: PASSWORD } });

describe('git credentials from Secrets over HTTP', () => {
  it('clones and pushes with the password from a Secret matched by repoURL, keeping it out of everything', async () => {
    // The Secret names the repository as users often do: with ".git/" and upper case; Kargo normalizes both.
    const { url, repoPath, workDir, context } = await setUp((repoURL) => basicAuth(`${repoURL.toUpperCase().replace('HTTP://', 'http://')}/`));
    const cloned = await cloneStep.run(context, { repoURL: url, checkout: [{ branch: 'main', path: 'out' }] });
    await writeFile(join(workDir, 'out', 'app.yaml'), 'image: v2\n');
    const committed = await gitCommitStep.run(context, { path: 'out', message: 'v2' });
    const pushed = await pushStep.run(context, { path: 'out' });
    expect(pushed.output).toEqual({ commit: (committed.output as { commit: string }).commit, branch: 'main' });
    expect(gitSync(repoPath, ['log', '--format=%s', 'main'])).toBe('v2\ninitial');
    expect(server.rejectedLogins).toBe(0);
    const everything = JSON.stringify([cloned, committed, pushed]);
    expect(everything).not.toContain(PASSWORD);
    expect(gitSync(join(workDir, 'out'), ['config', 'remote.origin.url'])).toBe(url);
    await expectNoSecretOnDisk(workDir);
  }, 90_000);

  it('finds a repoURLIsRegex Secret in the shared-resources namespace', async () => {
    const { url, context } = await setUp((repoURL) => ({
      namespace: 'kargo-shared-resources',
      data: {
        repoURL: `^http://127\\.0\\.0\\.1:[0-9]+/${repoURL.split('/').pop()?.replace('.', '\\.')}$`,
        repoURLIsRegex: 'true',
        username: USERNAME,
        password: PASSWORD,
      },
    }));
    const result = await cloneStep.run(context, { repoURL: url, checkout: [{ branch: 'main', path: 'out' }] });
    expect(result.status).toBe('Succeeded');
  });

  it('fails with a wrong password, and neither password appears in the error', async () => {
    const { url, repoPath, context } = await setUp((repoURL) => ({ data: { repoURL, username: USERNAME, password: WRONG_PASSWORD } }));
    const before = gitSync(repoPath, ['rev-parse', 'main']);
    const rejectedBefore = server.rejectedLogins;
    const error = await cloneStep.run(context, { repoURL: url, checkout: [{ branch: 'main', path: 'out' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^error cloning ${url}: .*Authentication failed for '${url}/'`, 's'));
    expect(errorText(error)).not.toContain(WRONG_PASSWORD);
    expect(errorText(error)).not.toContain(PASSWORD);
    expect(server.rejectedLogins).toBeGreaterThan(rejectedBefore);
    expect(gitSync(repoPath, ['rev-parse', 'main'])).toBe(before);
    await expectNoSecretOnDisk(context.workDir);
  });

  it('fails at once, without prompting, when no Secret matches', async () => {
    const { url, context } = await setUp();
    await expect(cloneStep.run(context, { repoURL: url, checkout: [{ branch: 'main', path: 'out' }] })).rejects.toThrow(
      /could not read Username for 'http:\/\/127\.0\.0\.1:\d+': terminal prompts disabled/,
    );
  });

  it("gives no credentials for plain http:// unless allowed (Kargo's ALLOW_CREDENTIALS_OVER_HTTP)", async () => {
    const { url, context } = await setUp((repoURL) => basicAuth(repoURL));
    await expect(createGitCloneStep().run(context, { repoURL: url, checkout: [{ branch: 'main', path: 'out' }] })).rejects.toThrow(/terminal prompts disabled/);
  });
});

describe('git-push against a remote that moves', () => {
  it('retries after a concurrent push lands between its rebase and its push, then puts its commit on top', async () => {
    const { url, repoPath, workDir, context, clock } = await setUp((repoURL) => basicAuth(repoURL));
    await cloneStep.run(context, { repoURL: url, checkout: [{ branch: 'main', path: 'out' }] });
    await writeFile(join(workDir, 'out', 'app.yaml'), 'image: v3\n');
    await gitCommitStep.run(context, { path: 'out', message: 'v3' });
    moveOnPushAdvertisement = 'once';
    const pushed = await pushStep.run(context, { path: 'out' });
    expect(clock.pauses).toEqual([1000]);
    expect(gitSync(repoPath, ['log', '--format=%s', 'main'])).toBe('v3\na concurrent change\ninitial');
    expect(gitSync(repoPath, ['rev-parse', 'main'])).toBe((pushed.output as { commit: string }).commit);
  }, 90_000);

  it('gives up after maxAttempts while the remote keeps moving', async () => {
    const { url, repoPath, workDir, context, clock } = await setUp((repoURL) => basicAuth(repoURL));
    await cloneStep.run(context, { repoURL: url, checkout: [{ branch: 'main', path: 'out' }] });
    await writeFile(join(workDir, 'out', 'app.yaml'), 'image: v4\n');
    await gitCommitStep.run(context, { path: 'out', message: 'v4' });
    moveOnPushAdvertisement = 'always';
    try {
      await expect(pushStep.run(context, { path: 'out', maxAttempts: 3 })).rejects.toThrow(
        /^error pushing commits to remote: error pushing branch: non-fast-forward: .*\(fetch first\)/s,
      );
    } finally {
      moveOnPushAdvertisement = 'never';
    }
    expect(clock.pauses).toEqual([1000, 1500]);
    expect(gitSync(repoPath, ['log', '--format=%s', 'main'])).not.toContain('v4');
  }, 90_000);
});
