// Test harness for the git steps: real bare repositories on disk (file://
// remotes), a working directory per test, a StepContext on the embedded API
// server, and a clock that records the pauses it is asked for.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { createKubeClient } from '../../../src/kube/http-client.js';
import type { KubeClient } from '../../../src/kube/client.js';
import type { Clock } from '../../../src/runtime/clock.js';
import type { StepContext } from '../../../src/engine/step.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';

// Each test runs several real git processes; on a loaded machine that can take
// longer than the suite's default 20 s.
vi.setConfig({ testTimeout: 60_000 });

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempDir(prefix = 'kargo-git-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Runs the real git outside any step, isolated from the user's configuration. */
export function gitSync(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      ...env,
    },
  }).trim();
}

export interface Remote {
  /** The bare repository's path. */
  path: string;
  url: string;
}

/** A bare repository whose `branch` holds `files` in one commit (no commit at all when `files` is undefined). */
export async function bareRemote(files?: Record<string, string>, branch = 'main'): Promise<Remote> {
  const root = await tempDir('kargo-remote-');
  const path = join(root, 'remote.git');
  gitSync(root, ['init', '--quiet', '--bare', `--initial-branch=${branch}`, path]);
  if (files) await pushFiles(path, branch, files, 'initial commit');
  return { path, url: pathToFileURL(path).href };
}

/** Another client's commit on the remote (a clone elsewhere pushes in between). */
export async function pushFiles(remotePath: string, branch: string, files: Record<string, string>, message: string): Promise<string> {
  const clone = await tempDir('kargo-other-clone-');
  gitSync(clone, ['init', '--quiet', `--initial-branch=${branch}`]);
  if (gitSync(clone, ['ls-remote', remotePath, `refs/heads/${branch}`])) {
    gitSync(clone, ['fetch', '--quiet', remotePath, branch]);
    gitSync(clone, ['checkout', '--quiet', 'FETCH_HEAD', '-b', `${branch}-work`]);
  }
  for (const [file, contents] of Object.entries(files)) {
    await mkdir(dirname(join(clone, file)), { recursive: true });
    await writeFile(join(clone, file), contents);
  }
  gitSync(clone, ['add', '.']);
  gitSync(clone, ['commit', '--quiet', '-m', message]);
  gitSync(clone, ['push', '--quiet', remotePath, `HEAD:refs/heads/${branch}`]);
  return gitSync(clone, ['rev-parse', 'HEAD']);
}

export const remoteHead = (remote: Remote, ref = 'refs/heads/main'): string => gitSync(remote.path, ['rev-parse', ref]);

export class RecordingClock implements Clock {
  readonly pauses: number[] = [];
  now = () => new Date('2026-01-01T00:00:00Z');
  sleep = async (ms: number) => {
    this.pauses.push(ms);
  };
}

/** One embedded API server (and an admin client) for the whole test file. */
export function useCluster(): { client: () => KubeClient; cluster: () => TestCluster } {
  let cluster: TestCluster | undefined;
  let client: KubeClient | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster();
    client = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: { write: () => true } });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
  });
  return {
    client: () => {
      if (!client) throw new Error('cluster not started');
      return client;
    },
    cluster: () => {
      if (!cluster) throw new Error('cluster not started');
      return cluster;
    },
  };
}

export function stepContext(workDir: string, client: KubeClient, overrides: Partial<StepContext> = {}): StepContext {
  return {
    workDir,
    project: 'demo',
    stage: 'dev',
    promotion: 'dev.01jabcdef.1234567',
    alias: 'step-1',
    sharedState: {},
    freightRequests: [],
    freight: { items: {} },
    targetFreight: { name: 'abc' },
    client,
    clock: new RecordingClock(),
    signal: new AbortController().signal,
    ...overrides,
  };
}
