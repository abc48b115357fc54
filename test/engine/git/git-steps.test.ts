// The git steps end to end on real repositories: clone → change → commit →
// push, tags, clearing, new branches, and the errors Kargo would report.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitStepOptions } from '../../../src/engine/git/step-options.js';
import { createGitCloneStep, gitCloneStep } from '../../../src/engine/steps/git-clone.js';
import { gitClearStep } from '../../../src/engine/steps/git-clear.js';
import { gitCommitStep } from '../../../src/engine/steps/git-commit.js';
import { gitPushStep } from '../../../src/engine/steps/git-push.js';
import { gitTagStep } from '../../../src/engine/steps/git-tag.js';
import type { StepContext, StepRunner } from '../../../src/engine/step.js';
import { bareRemote, gitSync, pushFiles, remoteHead, stepContext, tempDir, useCluster } from './support.js';

const { client } = useCluster();

const clusterConfigType = {
  group: 'kargo.akuity.io',
  version: 'v1alpha1',
  kind: 'ClusterConfig',
  plural: 'clusterconfigs',
  singular: 'clusterconfig',
  namespaced: false,
  shortNames: [],
  hasStatus: true,
};

async function run<C>(step: StepRunner<C>, context: StepContext, config: C) {
  expect(step.validate(config)).toEqual([]);
  return step.run(context, config);
}

async function clonedWorkDir(files: Record<string, string> = { 'app.yaml': 'image: v1\n' }) {
  const remote = await bareRemote(files);
  const workDir = await tempDir('kargo-workdir-');
  const context = stepContext(workDir, client());
  const cloned = await run(gitCloneStep, context, { repoURL: remote.url, checkout: [{ branch: 'main', path: 'out' }] });
  return { remote, workDir, context, cloned };
}

describe('git-clone', () => {
  it("clones into Kargo's layout and checks out branches and commits as worktrees", async () => {
    const remote = await bareRemote({ 'a.txt': 'one\n' });
    const first = remoteHead(remote);
    const second = await pushFiles(remote.path, 'main', { 'a.txt': 'two\n' }, 'second');
    const release = await pushFiles(remote.path, 'release', { 'a.txt': 'release\n' }, 'release');
    const workDir = await tempDir('kargo-workdir-');
    const result = await run(gitCloneStep, stepContext(workDir, client()), {
      repoURL: remote.url,
      checkout: [{ branch: 'release', path: 'rel' }, { commit: first, path: 'old', as: 'previous' }, { path: 'default' }],
    });
    expect(result).toEqual({ status: 'Succeeded', output: { commits: { rel: release, previous: first, default: second } } });
    expect(await readFile(join(workDir, 'rel', 'a.txt'), 'utf8')).toBe('release\n');
    expect(await readFile(join(workDir, 'old', 'a.txt'), 'utf8')).toBe('one\n');
    expect(await readFile(join(workDir, 'default', 'a.txt'), 'utf8')).toBe('two\n');
    const entries = await readdir(workDir);
    expect(entries.sort()).toEqual(['default', 'old', 'rel', expect.stringMatching(/^repo-/)]);
    const home = entries.find((entry) => entry.startsWith('repo-')) as string;
    expect(gitSync(join(workDir, home, 'repo'), ['rev-parse', '--is-bare-repository'])).toBe('true');
  });

  it('cannot check out one branch into two paths (git refuses, as under Kargo)', async () => {
    const remote = await bareRemote({ 'a.txt': 'x\n' });
    const workDir = await tempDir('kargo-workdir-');
    await expect(
      run(gitCloneStep, stepContext(workDir, client()), {
        repoURL: remote.url,
        checkout: [
          { branch: 'main', path: 'a' },
          { branch: 'main', path: 'b' },
        ],
      }),
    ).rejects.toThrow(/error adding work tree b to repo .*fatal: 'main' is already checked out at/s);
  });

  it('checks out only the sparse directories (blobless clone), and refuses glob patterns', async () => {
    const remote = await bareRemote({ 'apps/a/x.yaml': 'a', 'apps/b/y.yaml': 'b', 'root.txt': 'r' });
    gitSync(remote.path, ['config', 'uploadpack.allowFilter', 'true']);
    const workDir = await tempDir('kargo-workdir-');
    const context = stepContext(workDir, client());
    await run(gitCloneStep, context, { repoURL: remote.url, blobless: true, checkout: [{ branch: 'main', path: 'out', sparse: ['apps/a'] }] });
    expect((await readdir(join(workDir, 'out'))).sort()).toEqual(['.git', 'apps', 'root.txt']);
    expect(await readdir(join(workDir, 'out', 'apps'))).toEqual(['a']);
    await expect(run(gitCloneStep, context, { repoURL: remote.url, checkout: [{ branch: 'main', path: 'other', sparse: ['apps/*'] }] })).rejects.toMatchObject({
      status: 'Failed',
      message: `error configuring sparse checkout for "other": sparse checkout pattern cannot contain glob characters (*, ?, [): apps/*; use directory paths like 'src/app' instead`,
    });
  });

  it('checks out a tag', async () => {
    const remote = await bareRemote({ 'a.txt': 'tagged\n' });
    gitSync(remote.path, ['tag', 'v1.0.0', 'main']);
    await pushFiles(remote.path, 'main', { 'a.txt': 'later\n' }, 'later');
    const workDir = await tempDir('kargo-workdir-');
    const result = await run(gitCloneStep, stepContext(workDir, client()), { repoURL: remote.url, checkout: [{ tag: 'v1.0.0', path: 'out' }] });
    expect(result.output).toEqual({ commits: { out: gitSync(remote.path, ['rev-parse', 'v1.0.0^{commit}']) } });
    expect(await readFile(join(workDir, 'out', 'a.txt'), 'utf8')).toBe('tagged\n');
  });

  it('creates a missing branch as an empty orphan on the remote when create is true', async () => {
    const remote = await bareRemote({ 'a.txt': 'main\n' });
    const workDir = await tempDir('kargo-workdir-');
    const result = await run(gitCloneStep, stepContext(workDir, client()), {
      repoURL: remote.url,
      checkout: [{ branch: 'stage/dev', create: true, path: 'out' }],
    });
    const created = remoteHead(remote, 'refs/heads/stage/dev');
    expect(result.output).toEqual({ commits: { out: created } });
    expect(gitSync(remote.path, ['log', '--format=%s|%an|%P', 'stage/dev'])).toBe('Initial commit|Kargo|');
    expect(gitSync(remote.path, ['ls-tree', 'stage/dev'])).toBe('');
    expect(await readdir(join(workDir, 'out'))).toEqual(['.git']);
  });

  it('creates a branch in a remote that has no commits at all', async () => {
    const remote = await bareRemote(undefined);
    const workDir = await tempDir('kargo-workdir-');
    await run(gitCloneStep, stepContext(workDir, client()), { repoURL: remote.url, checkout: [{ branch: 'main', create: true, path: 'out' }] });
    expect(gitSync(remote.path, ['log', '--format=%s', 'main'])).toBe('Initial commit');
  });

  it("refuses a missing branch without create, in Kargo's words", async () => {
    const remote = await bareRemote({ 'a.txt': 'main\n' });
    const workDir = await tempDir('kargo-workdir-');
    await expect(run(gitCloneStep, stepContext(workDir, client()), { repoURL: remote.url, checkout: [{ branch: 'nope', path: 'out' }] })).rejects.toThrow(
      `error ensuring existence of remote branch nope: remote branch "nope" of repo ${remote.url} does not exist; ` +
        "set create=true if you'd like a non-existent remote branch to be automatically created at checkout",
    );
    expect(gitSync(remote.path, ['branch', '--list'])).toBe('* main');
  });

  it("carries git's own message when the repository does not exist", async () => {
    const workDir = await tempDir('kargo-workdir-');
    const missing = `file://${workDir}/nowhere.git`;
    await expect(run(gitCloneStep, stepContext(workDir, client()), { repoURL: missing, checkout: [{ branch: 'main', path: 'out' }] })).rejects.toThrow(
      /^error cloning file:\/\/.*nowhere\.git: error cloning repo ".*" into ".*": error executing cmd \[git clone --bare --config .* -- .*\]: .*does not appear to be a git repository/s,
    );
  });

  it('refuses paths outside the working directory before cloning anything', async () => {
    const remote = await bareRemote({ 'a.txt': 'x\n' });
    const workDir = await tempDir('kargo-workdir-');
    for (const path of ['../escape', '/tmp/abs', 'ok/../../escape']) {
      await expect(run(gitCloneStep, stepContext(workDir, client()), { repoURL: remote.url, checkout: [{ branch: 'main', path }] })).rejects.toMatchObject({
        name: 'TerminalStepError',
        status: 'Failed',
      });
    }
    expect(await readdir(workDir)).toEqual([]);
  });

  it('stops when the promotion is aborted', async () => {
    const remote = await bareRemote({ 'a.txt': 'x\n' });
    const workDir = await tempDir('kargo-workdir-');
    const controller = new AbortController();
    controller.abort(new Error('promotion aborted'));
    await expect(
      run(gitCloneStep, stepContext(workDir, client(), { signal: controller.signal }), { repoURL: remote.url, checkout: [{ path: 'out' }] }),
    ).rejects.toThrow(/error cloning .*abort/is);
    expect((await readdir(workDir)).filter((entry) => entry === 'out')).toEqual([]);
  });

  it('refuses duplicate aliases and signing keys as Failed', async () => {
    const workDir = await tempDir('kargo-workdir-');
    const context = stepContext(workDir, client());
    await expect(
      gitCloneStep.run(context, {
        repoURL: 'file:///x',
        checkout: [
          { path: 'a', as: 'x' },
          { path: 'b', as: 'x' },
        ],
      }),
    ).rejects.toMatchObject({ status: 'Failed', message: 'duplicate checkout alias "x" at checkout[1]' });
    await expect(
      gitCloneStep.run(context, { repoURL: 'file:///x', checkout: [{ path: 'a' }], author: { name: 'a', email: 'a@b.c', signingKey: 'KEY' } }),
    ).rejects.toMatchObject({ status: 'Failed', message: expect.stringContaining('commit signing is not supported by this engine') });
  });
});

describe('git-commit, git-push, git-tag, git-clear', () => {
  it('commits a change as Kargo and pushes it to the checked-out branch', async () => {
    const { remote, workDir, context } = await clonedWorkDir();
    await writeFile(join(workDir, 'out', 'app.yaml'), 'image: v2\n');
    const committed = await run(gitCommitStep, context, { path: 'out', message: 'Updated image to v2' });
    expect(committed.status).toBe('Succeeded');
    const commit = (committed.output as { commit: string }).commit;
    expect(gitSync(join(workDir, 'out'), ['log', '-1', '--format=%an <%ae>|%cn <%ce>|%B'])).toBe(
      'Kargo <no-reply@kargo.io>|Kargo <no-reply@kargo.io>|Updated image to v2',
    );
    const pushed = await run(gitPushStep, context, { path: 'out' });
    expect(pushed).toEqual({ status: 'Succeeded', output: { commit, branch: 'main' } });
    expect(remoteHead(remote)).toBe(commit);
  });

  it('commits as the author the config names', async () => {
    const { workDir, context } = await clonedWorkDir();
    await writeFile(join(workDir, 'out', 'new.txt'), 'x\n');
    await run(gitCommitStep, context, { path: 'out', message: 'm', author: { name: 'Jane Doe', email: 'jane@example.com' } });
    expect(gitSync(join(workDir, 'out'), ['log', '-1', '--format=%an <%ae>|%cn <%ce>'])).toBe('Jane Doe <jane@example.com>|Jane Doe <jane@example.com>');
  });

  it("uses the clone's author, then ClusterConfig's git client, then the engine's identity", async () => {
    const remote = await bareRemote({ 'a.txt': 'x\n' });
    const authorOf = async (clone: StepRunner<Parameters<typeof gitCloneStep.run>[1]>, author?: { name: string; email: string }) => {
      const workDir = await tempDir('kargo-workdir-');
      const context = stepContext(workDir, client());
      await run(clone, context, { repoURL: remote.url, checkout: [{ branch: 'main', path: 'out' }], ...(author ? { author } : {}) });
      await writeFile(join(workDir, 'out', 'b.txt'), 'y\n');
      await run(gitCommitStep, context, { path: 'out', message: 'm' });
      return gitSync(join(workDir, 'out'), ['log', '-1', '--format=%an <%ae>']);
    };
    const configured = createGitCloneStep(gitStepOptions({ systemUser: { name: 'Ops Bot', email: 'ops@example.com' } }));
    expect(await authorOf(configured, { name: 'Clone Author', email: 'clone@example.com' })).toBe('Clone Author <clone@example.com>');
    expect(await authorOf(configured)).toBe('Ops Bot <ops@example.com>');
    await client().create(clusterConfigType, {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'ClusterConfig',
      metadata: { name: 'cluster' },
      spec: { gitClient: { name: 'Cluster Bot', email: 'cluster@example.com' } },
    } as never);
    try {
      expect(await authorOf(configured)).toBe('Cluster Bot <cluster@example.com>');
      await client().patch(clusterConfigType, 'cluster', { spec: { gitClient: { signingKeySecret: { name: 'gpg' } } } });
      await expect(authorOf(configured)).rejects.toMatchObject({
        status: 'Failed',
        message: expect.stringContaining('commit signing is not supported by this engine'),
      });
    } finally {
      await client().delete(clusterConfigType, 'cluster');
    }
  });

  it('is Skipped with the current HEAD when nothing changed', async () => {
    const { remote, context } = await clonedWorkDir();
    const result = await run(gitCommitStep, context, { path: 'out', message: 'nothing' });
    expect(result).toEqual({ status: 'Skipped', output: { commit: remoteHead(remote) } });
  });

  it('pushes to a generated kargo/promotion/<promotion> branch, and to a named one', async () => {
    const { remote, workDir, context } = await clonedWorkDir();
    await writeFile(join(workDir, 'out', 'app.yaml'), 'image: v3\n');
    await run(gitCommitStep, context, { path: 'out', message: 'v3' });
    const generated = await run(gitPushStep, context, { path: 'out', generateTargetBranch: true });
    expect(generated.output).toMatchObject({ branch: 'kargo/promotion/dev.01jabcdef.1234567' });
    const named = await run(gitPushStep, context, { path: 'out', targetBranch: 'env/dev' });
    expect(named.output).toMatchObject({ branch: 'env/dev' });
    const commit = (named.output as { commit: string }).commit;
    expect(remoteHead(remote, 'refs/heads/kargo/promotion/dev.01jabcdef.1234567')).toBe(commit);
    expect(remoteHead(remote, 'refs/heads/env/dev')).toBe(commit);
    expect(remoteHead(remote)).not.toBe(commit);
  });

  it('force-pushes over history the remote has and the clone does not', async () => {
    const { remote, workDir, context } = await clonedWorkDir();
    await pushFiles(remote.path, 'main', { 'other.txt': 'theirs\n' }, 'theirs');
    await writeFile(join(workDir, 'out', 'app.yaml'), 'image: forced\n');
    const { output } = await run(gitCommitStep, context, { path: 'out', message: 'forced' });
    await run(gitPushStep, context, { path: 'out', force: true });
    expect(remoteHead(remote)).toBe((output as { commit: string }).commit);
    expect(gitSync(remote.path, ['log', '--format=%s', 'main'])).toBe('forced\ninitial commit');
  });

  it('tags HEAD and pushes the tag', async () => {
    const { remote, context } = await clonedWorkDir();
    const tagged = await run(gitTagStep, context, { path: 'out', tag: 'v1.2.3', message: 'Release v1.2.3' });
    expect(tagged).toEqual({ status: 'Succeeded', output: { commit: remoteHead(remote) } });
    const pushed = await run(gitPushStep, context, { path: 'out', tag: 'v1.2.3' });
    expect(pushed.output).toMatchObject({ branch: 'main', commit: remoteHead(remote) });
    expect(gitSync(remote.path, ['cat-file', '-t', 'v1.2.3'])).toBe('tag');
    expect(gitSync(remote.path, ['tag', '-l', '--format=%(contents:subject)', 'v1.2.3'])).toBe('Release v1.2.3');
  });

  it('refuses an existing tag unless forced', async () => {
    const { context } = await clonedWorkDir();
    await run(gitTagStep, context, { path: 'out', tag: 'v1', message: 'one' });
    await expect(run(gitTagStep, context, { path: 'out', tag: 'v1', message: 'again' })).rejects.toThrow(
      /^error creating tag v1: error creating annotated tag "v1": error executing cmd \[git tag -a v1 -m again\]: fatal: tag 'v1' already exists/,
    );
    await expect(run(gitTagStep, context, { path: 'out', tag: 'v1', message: 'again', force: true })).resolves.toMatchObject({ status: 'Succeeded' });
  });

  it('clears tracked and untracked files but keeps .git', async () => {
    const { workDir, context } = await clonedWorkDir({ 'a.txt': 'a', 'dir/b.txt': 'b' });
    await writeFile(join(workDir, 'out', 'untracked.txt'), 'u');
    expect(await run(gitClearStep, context, { path: 'out' })).toEqual({ status: 'Succeeded' });
    expect(await readdir(join(workDir, 'out'))).toEqual(['.git']);
  });

  it('refuses a path that is not a worktree made by git-clone', async () => {
    const workDir = await tempDir('kargo-workdir-');
    const context = stepContext(workDir, client());
    await expect(run(gitCommitStep, context, { path: 'missing', message: 'm' })).rejects.toThrow(
      /^error loading working tree from missing: error reading repo home dir from config: error executing cmd \[git config --get-regexp \^kargo\\.\]/,
    );
  });

  it('works from a directory inside a worktree, but never reaches a repository around the working directory', async () => {
    const { remote, workDir, context } = await clonedWorkDir({ 'sub/a.txt': 'a\n' });
    await writeFile(join(workDir, 'out', 'sub', 'a.txt'), 'changed\n');
    await run(gitCommitStep, context, { path: 'out/sub', message: 'from a subdirectory' });
    await run(gitPushStep, context, { path: 'out/sub' });
    expect(gitSync(remote.path, ['log', '-1', '--format=%s', 'main'])).toBe('from a subdirectory');

    const outer = await tempDir('kargo-outer-repo-');
    gitSync(outer, ['init', '--quiet']);
    const nestedWorkDir = join(outer, 'work');
    await mkdir(join(nestedWorkDir, 'plain'), { recursive: true });
    await writeFile(join(nestedWorkDir, 'plain', 'f.txt'), 'x');
    await expect(run(gitCommitStep, stepContext(nestedWorkDir, client()), { path: 'plain', message: 'm' })).rejects.toThrow(
      /^error loading working tree from plain: error reading repo home dir from config/,
    );
    expect(() => gitSync(outer, ['rev-parse', 'HEAD'])).toThrow();
  });

  it('refuses paths escaping the working directory, symlinks included', async () => {
    const { workDir, context } = await clonedWorkDir();
    const outside = await tempDir('kargo-outside-');
    const { symlink } = await import('node:fs/promises');
    await symlink(outside, join(workDir, 'link'));
    for (const [step, config] of [
      [gitCommitStep, { path: '../out', message: 'm' }],
      [gitPushStep, { path: '/etc' }],
      [gitTagStep, { path: 'link', tag: 't', message: 'm' }],
      [gitClearStep, { path: 'link/x' }],
    ] as const) {
      await expect((step as StepRunner<typeof config>).run(context, config)).rejects.toMatchObject({ name: 'TerminalStepError', status: 'Failed' });
    }
  });
});
