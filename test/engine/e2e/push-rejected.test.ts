// A push the remote refuses (its pre-receive hook says no): the Promotion ends
// Errored with git's own words and the remote repository is as it was.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinStepRegistry } from '../../../src/engine/builtin-steps.js';
import { startEngineCluster, type EngineCluster } from '../support/cluster.js';
import { git, seedBareRepo, type BareRepo } from '../support/bare-repo.js';
import { defaultFixture, manualClock, PROJECT, promotionWith, runPass } from '../support/promotion.js';

let env: EngineCluster;
let root: string;
let repo: BareRepo;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'engine-push-rejected-'));
  repo = seedBareRepo(root, { 'app.yaml': 'tag: 1.0.0\n' });
  const hook = join(repo.path, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "protected: pushes to this repository are not allowed" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  env = await startEngineCluster();
  await env.namespace(PROJECT);
});
afterAll(async () => {
  await env?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a push rejected by the remote', () => {
  it("leaves the Promotion Errored with git's message and the remote untouched", async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'engine-push-work-'));
    try {
      const fixture = { ...defaultFixture(workDir, manualClock()), client: env.client, registry: builtinStepRegistry() };
      const promotion = promotionWith([
        { uses: 'git-clone', config: { repoURL: repo.url, checkout: [{ branch: 'main', path: './repo' }] } },
        { uses: 'yaml-update', config: { path: './repo/app.yaml', updates: [{ key: 'tag', value: '2.0.0' }] } },
        { uses: 'git-commit', config: { path: './repo', message: 'bump' } },
        { uses: 'git-push', as: 'push', retry: { errorThreshold: 1 }, config: { path: './repo' } },
        { uses: 'compose-output', as: 'after', config: { never: true } },
      ]);
      const { status } = await runPass(promotion, fixture);
      expect(status.phase).toBe('Errored');
      expect(status.message).toMatch(/^step "push" met error threshold of 1: error running step "push": error pushing commits to remote: /);
      expect(status.message).toContain('remote: protected: pushes to this repository are not allowed');
      expect(status.message).toContain('(pre-receive hook declined)');
      expect(status.stepExecutionMetadata?.map((meta) => meta.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded', 'Errored', 'Skipped']);
      expect(git(repo.path, ['rev-parse', 'refs/heads/main'])).toBe(repo.head);
      expect(git(repo.path, ['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/main');
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
