// The git steps inside a whole Promotion run by the engine's runner: outputs
// land in status.state and feed later steps' expressions; a push the remote
// declines ends the Promotion Errored with git's words, the remote untouched.

import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PromotionStep } from '../../../src/model/kargo.js';
import { defaultFixture, manualClock, promotionWith, runPass } from '../support/promotion.js';
import { bareRemote, gitSync, remoteHead, tempDir, useCluster } from './support.js';

const { client } = useCluster();

function gitPipeline(repoURL: string): PromotionStep[] {
  return [
    { uses: 'git-clone', as: 'clone', config: { repoURL, checkout: [{ branch: 'main', path: './out' }] } },
    { uses: 'file-write', as: 'write', config: { path: './out/stage.txt', contents: '${{ ctx.stage }} ← ${{ ctx.targetFreight.alias }}', overwrite: true } },
    {
      uses: 'git-commit',
      as: 'commit',
      config: { path: './out', message: 'Promote ${{ ctx.targetFreight.name }} (was ${{ outputs.clone.commits["./out"] }})' },
    },
    { uses: 'git-push', as: 'push', config: { path: './out' } },
  ];
}

async function run(steps: PromotionStep[]) {
  const workDir = await tempDir('kargo-promotion-workdir-');
  const promotion = promotionWith(steps);
  const { status } = await runPass(promotion, { ...defaultFixture(workDir, manualClock()), client: client() });
  return status;
}

describe('git steps in a Promotion', () => {
  it('clones, writes, commits with an expression message and pushes; outputs go to status.state', async () => {
    const remote = await bareRemote({ 'stage.txt': 'old\n' });
    const before = remoteHead(remote);
    const status = await run(gitPipeline(remote.url));
    expect({ phase: status.phase, message: status.message }).toEqual({ phase: 'Succeeded', message: undefined });
    const after = remoteHead(remote);
    expect(status.state).toEqual({
      clone: { commits: { './out': before } },
      write: null,
      commit: { commit: after },
      push: { commit: after, branch: 'main' },
    });
    expect(gitSync(remote.path, ['log', '-1', '--format=%B', 'main'])).toBe(`Promote f1abcde (was ${before})`);
    expect(gitSync(remote.path, ['show', 'main:stage.txt'])).toBe('test ← happy-fox');
  });

  it("ends Errored with git's words when the remote declines the push, and the remote is untouched", async () => {
    const remote = await bareRemote({ 'stage.txt': 'old\n' });
    const hook = join(remote.path, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "pushes to main need a review" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const refs = gitSync(remote.path, ['for-each-ref']);
    const status = await run(gitPipeline(remote.url));
    expect(status.phase).toBe('Errored');
    expect(status.message).toMatch(
      /^step "push" met error threshold of 1: error running step "push": error pushing commits to remote: error pushing branch: error executing cmd \[git push origin HEAD:main\]: remote: pushes to main need a review/,
    );
    expect(status.stepExecutionMetadata?.[3]?.message).toContain('(pre-receive hook declined)');
    expect(status.stepExecutionMetadata?.map((meta) => meta.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded', 'Errored']);
    expect(gitSync(remote.path, ['for-each-ref'])).toBe(refs);
  });

  it('ends Failed on a checkout path outside the working directory, having cloned nothing', async () => {
    const remote = await bareRemote({ 'stage.txt': 'old\n' });
    const steps = gitPipeline(remote.url);
    steps[0] = { uses: 'git-clone', as: 'clone', config: { repoURL: remote.url, checkout: [{ branch: 'main', path: '../elsewhere' }] } };
    const status = await run(steps);
    expect(status.phase).toBe('Failed');
    expect(status.message).toMatch(/^step "clone": .*path "\.\.\/elsewhere" attempts to traverse outside the working directory/);
  });
});
