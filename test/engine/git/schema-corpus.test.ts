// The git steps' config validation holds to Kargo's schemas (good and bad
// configs judged alike), and names the field as Kargo's errors do.

import { describe, expect, it } from 'vitest';
import { gitCloneStep } from '../../../src/engine/steps/git-clone.js';
import { gitClearStep } from '../../../src/engine/steps/git-clear.js';
import { gitCommitStep } from '../../../src/engine/steps/git-commit.js';
import { gitPushStep } from '../../../src/engine/steps/git-push.js';
import { gitTagStep } from '../../../src/engine/steps/git-tag.js';
import { expectSameVerdicts, type CorpusEntry } from '../support/schema-corpus.js';

const ok = (name: string, config: unknown): CorpusEntry => ({ name, config, valid: true });
const bad = (name: string, config: unknown): CorpusEntry => ({ name, config, valid: false });

const repo = 'https://github.com/example/repo.git';

describe('git step schemas agree with Kargo', () => {
  it('git-clone', () => {
    expectSameVerdicts('git-clone', gitCloneStep.validate, [
      ok('branch', { repoURL: repo, checkout: [{ branch: 'main', path: 'src' }] }),
      ok('default branch', { repoURL: repo, checkout: [{ path: 'src' }] }),
      ok('commit and tag', {
        repoURL: repo,
        checkout: [
          { commit: 'abc', path: 'a' },
          { tag: 'v1', path: 'b', as: 't' },
        ],
      }),
      ok('empty other refs', { repoURL: repo, checkout: [{ branch: 'main', commit: '', tag: '', path: 'src', create: true }] }),
      ok('everything', {
        repoURL: repo,
        insecureSkipTLSVerify: true,
        recurseSubmodules: false,
        blobless: true,
        author: { name: 'Kargo', email: 'kargo@example.com', signingKey: '' },
        checkout: [{ branch: 'main', path: 'src', sparse: ['apps/a'] }],
      }),
      bad('no repoURL', { checkout: [{ path: 'src' }] }),
      bad('empty repoURL', { repoURL: '', checkout: [{ path: 'src' }] }),
      bad('no checkout', { repoURL: repo }),
      bad('empty checkout', { repoURL: repo, checkout: [] }),
      bad('checkout without path', { repoURL: repo, checkout: [{ branch: 'main' }] }),
      bad('branch and tag', { repoURL: repo, checkout: [{ branch: 'main', tag: 'v1', path: 'src' }] }),
      bad('commit and branch', { repoURL: repo, checkout: [{ branch: 'main', commit: 'abc', path: 'src' }] }),
      bad('unknown checkout key', { repoURL: repo, checkout: [{ path: 'src', depth: 1 }] }),
      bad('unknown key', { repoURL: repo, checkout: [{ path: 'src' }], shallow: true }),
      bad('author without email', { repoURL: repo, checkout: [{ path: 'src' }], author: { name: 'x' } }),
      bad('author with a bad email', { repoURL: repo, checkout: [{ path: 'src' }], author: { name: 'x', email: 'not an email' } }),
      bad('empty sparse', { repoURL: repo, checkout: [{ path: 'src', sparse: [] }] }),
      bad('create not boolean', { repoURL: repo, checkout: [{ path: 'src', branch: 'x', create: 'yes' }] }),
    ]);
  });

  it('git-clear', () => {
    expectSameVerdicts('git-clear', gitClearStep.validate, [
      ok('path', { path: 'out' }),
      bad('no path', {}),
      bad('empty path', { path: '' }),
      bad('unknown key', { path: 'out', all: true }),
    ]);
  });

  it('git-commit', () => {
    expectSameVerdicts('git-commit', gitCommitStep.validate, [
      ok('message', { path: 'out', message: 'Update' }),
      ok('author', { path: 'out', message: 'Update', author: { name: 'a', email: 'a@example.com' } }),
      bad('no message', { path: 'out' }),
      bad('empty message', { path: 'out', message: '' }),
      bad('messageFromSteps (removed in Kargo v1.10)', { path: 'out', messageFromSteps: ['update'] }),
      bad('messageFromSteps beside message', { path: 'out', message: 'm', messageFromSteps: ['update'] }),
      bad('author without name', { path: 'out', message: 'm', author: { email: 'a@example.com' } }),
      bad('no path', { message: 'm' }),
    ]);
  });

  it('git-push', () => {
    expectSameVerdicts('git-push', gitPushStep.validate, [
      ok('current branch', { path: 'out' }),
      ok('target branch', { path: 'out', targetBranch: 'main', force: true, maxAttempts: 3, provider: 'github' }),
      ok('generated branch', { path: 'out', generateTargetBranch: true }),
      ok('generated branch with empty target', { path: 'out', generateTargetBranch: true, targetBranch: '' }),
      ok('tag', { path: 'out', tag: 'v1', force: false }),
      ok('explicitly nothing', { path: 'out', generateTargetBranch: false, targetBranch: '', tag: '' }),
      bad('generated and target', { path: 'out', generateTargetBranch: true, targetBranch: 'main' }),
      bad('target and tag', { path: 'out', targetBranch: 'main', tag: 'v1' }),
      bad('forced tag', { path: 'out', tag: 'v1', force: true }),
      bad('zero attempts', { path: 'out', maxAttempts: 0 }),
      bad('fractional attempts', { path: 'out', maxAttempts: 1.5 }),
      bad('unknown provider', { path: 'out', provider: 'sourcehut' }),
      bad('no path', { targetBranch: 'main' }),
      bad('unknown key', { path: 'out', remote: 'upstream' }),
    ]);
  });

  it('git-tag', () => {
    expectSameVerdicts('git-tag', gitTagStep.validate, [
      ok('tag', { path: 'out', tag: 'v1', message: 'Release' }),
      ok('forced, with an unknown key (Kargo allows them here)', { path: 'out', tag: 'v1', message: 'm', force: true, extra: 1 }),
      bad('no message', { path: 'out', tag: 'v1' }),
      bad('empty tag', { path: 'out', tag: '', message: 'm' }),
      bad('force not boolean', { path: 'out', tag: 'v1', message: 'm', force: 'yes' }),
    ]);
  });

  it("names the field in Kargo's words", () => {
    expect(gitCloneStep.validate({ repoURL: repo, checkout: [{ branch: 'main' }] })).toContain('checkout.0: path is required');
    expect(gitCommitStep.validate({ path: 'out', message: 'm', messageFromSteps: ['x'] })).toEqual([
      '(root): Additional property messageFromSteps is not allowed',
      "messageFromSteps: was removed in Kargo v1.10.0; write the message with an expression instead, e.g. message: ${{ outputs['<alias>'].commitMessage }}",
    ]);
    expect(gitPushStep.validate({ path: 'out', maxAttempts: 0 })).toContain('maxAttempts: Must be greater than or equal to 1');
  });
});
