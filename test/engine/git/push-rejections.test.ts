// git-push on file:// remotes: rebasing onto what others pushed since the
// clone, and the failures that must leave the remote exactly as it was — a
// pre-receive hook that declines, and a rebase that conflicts.

import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitCloneStep } from '../../../src/engine/steps/git-clone.js';
import { gitCommitStep } from '../../../src/engine/steps/git-commit.js';
import { gitPushStep } from '../../../src/engine/steps/git-push.js';
import { bareRemote, gitSync, pushFiles, RecordingClock, remoteHead, stepContext, tempDir, useCluster } from './support.js';

const { client } = useCluster();

async function cloneAndChange(files: Record<string, string>, change: Record<string, string>) {
  const remote = await bareRemote(files);
  const workDir = await tempDir('kargo-workdir-');
  const clock = new RecordingClock();
  const context = stepContext(workDir, client(), { clock });
  await gitCloneStep.run(context, { repoURL: remote.url, checkout: [{ branch: 'main', path: 'out' }] });
  for (const [file, contents] of Object.entries(change)) await writeFile(join(workDir, 'out', file), contents);
  const { output } = await gitCommitStep.run(context, { path: 'out', message: 'ours' });
  return { remote, workDir, context, clock, ours: (output as { commit: string }).commit };
}

const refsOf = (path: string) => gitSync(path, ['for-each-ref', '--format=%(refname) %(objectname)']);

describe('git-push', () => {
  it('rebases onto commits pushed since the clone and pushes on the first attempt', async () => {
    const { remote, context, clock } = await cloneAndChange({ 'a.txt': 'a\n', 'b.txt': 'b\n' }, { 'a.txt': 'ours\n' });
    await pushFiles(remote.path, 'main', { 'b.txt': 'theirs\n' }, 'theirs');
    const pushed = await gitPushStep.run(context, { path: 'out' });
    expect(clock.pauses).toEqual([]);
    expect(gitSync(remote.path, ['log', '--format=%s', 'main'])).toBe('ours\ntheirs\ninitial commit');
    expect(remoteHead(remote)).toBe((pushed.output as { commit: string }).commit);
    expect(gitSync(remote.path, ['show', 'main:b.txt'])).toBe('theirs');
  });

  it("is Errored with the hook's words when the remote declines, and the remote is untouched", async () => {
    const { remote, context, clock } = await cloneAndChange({ 'a.txt': 'a\n' }, { 'a.txt': 'ours\n' });
    const hook = join(remote.path, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "branch main is protected" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const before = refsOf(remote.path);
    const error = await gitPushStep.run(context, { path: 'out' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('Error');
    expect((error as Error).message).toMatch(
      /^error pushing commits to remote: error pushing branch: error executing cmd \[git push origin HEAD:main\]: .*remote: branch main is protected.*pre-receive hook declined/s,
    );
    expect(clock.pauses).toEqual([]);
    expect(refsOf(remote.path)).toBe(before);
  });

  it('is Failed on a rebase conflict, and the remote is untouched', async () => {
    const { remote, context, clock } = await cloneAndChange({ 'a.txt': 'a\n' }, { 'a.txt': 'ours\n' });
    await pushFiles(remote.path, 'main', { 'a.txt': 'theirs\n' }, 'theirs');
    const before = refsOf(remote.path);
    await expect(gitPushStep.run(context, { path: 'out' })).rejects.toMatchObject({
      name: 'TerminalStepError',
      status: 'Failed',
      message: expect.stringMatching(/^merge conflict: the local commits do not rebase cleanly onto remote branch "main"/),
    });
    expect(clock.pauses).toEqual([]);
    expect(refsOf(remote.path)).toBe(before);
  });

  it('gives no commitURL for a file:// remote, even with a provider named', async () => {
    const { context, ours } = await cloneAndChange({ 'a.txt': 'a\n' }, { 'a.txt': 'ours\n' });
    const pushed = await gitPushStep.run(context, { path: 'out', provider: 'github', targetBranch: 'x' });
    // A file:// URL has no host: no provider can link to it, as under Kargo.
    expect(pushed.output).toEqual({ commit: ours, branch: 'x' });
  });
});
