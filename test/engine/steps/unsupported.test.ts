import { describe, expect, it } from 'vitest';
import { gitMergePrStep } from '../../../src/engine/steps/git-merge-pr.js';
import { gitOpenPrStep } from '../../../src/engine/steps/git-open-pr.js';
import { gitWaitForPrStep } from '../../../src/engine/steps/git-wait-for-pr.js';
import { githubPushStep } from '../../../src/engine/steps/github-push.js';
import { ociDownloadStep } from '../../../src/engine/steps/oci-download.js';
import { ociPushStep } from '../../../src/engine/steps/oci-push.js';
import { TerminalStepError } from '../../../src/engine/step.js';
import { expectSameVerdicts, type CorpusEntry } from '../support/schema-corpus.js';
import { runStep, stepContext } from '../support/step-context.js';

const repoURL = 'https://github.com/example/repo';
const cases: [typeof gitOpenPrStep, CorpusEntry[]][] = [
  [
    gitOpenPrStep,
    [
      { name: 'minimal', config: { repoURL, sourceBranch: 'a', targetBranch: 'b' }, valid: true },
      {
        name: 'full',
        config: { repoURL, sourceBranch: 'a', targetBranch: 'b', provider: 'gitlab', labels: ['x'], title: 't', description: 'd', createTargetBranch: true },
        valid: true,
      },
      { name: 'bad provider', config: { repoURL, sourceBranch: 'a', targetBranch: 'b', provider: 'codeberg' }, valid: false },
      { name: 'not a uri', config: { repoURL: 'git@github.com:example/repo', sourceBranch: 'a', targetBranch: 'b' }, valid: false },
      { name: 'empty title', config: { repoURL, sourceBranch: 'a', targetBranch: 'b', title: '' }, valid: false },
      { name: 'missing targetBranch', config: { repoURL, sourceBranch: 'a' }, valid: false },
    ],
  ],
  [
    gitWaitForPrStep,
    [
      { name: 'minimal', config: { repoURL, prNumber: 7 }, valid: true },
      { name: 'poll interval', config: { repoURL, prNumber: 7, pollInterval: '1m30s' }, valid: true },
      { name: 'pr zero', config: { repoURL, prNumber: 0 }, valid: false },
      { name: 'pr not integer', config: { repoURL, prNumber: 1.5 }, valid: false },
      { name: 'bad interval', config: { repoURL, prNumber: 1, pollInterval: 'soon' }, valid: false },
    ],
  ],
  [
    gitMergePrStep,
    [
      { name: 'minimal', config: { repoURL, prNumber: 3, wait: true, mergeMethod: 'squash' }, valid: true },
      { name: 'missing pr', config: { repoURL }, valid: false },
      { name: 'empty merge method', config: { repoURL, prNumber: 3, mergeMethod: '' }, valid: false },
    ],
  ],
  [
    githubPushStep,
    [
      { name: 'target branch', config: { path: 'repo', targetBranch: 'main' }, valid: true },
      { name: 'generated', config: { path: 'repo', generateTargetBranch: true }, valid: true },
      { name: 'neither', config: { path: 'repo' }, valid: true },
      { name: 'both', config: { path: 'repo', generateTargetBranch: true, targetBranch: 'main' }, valid: false },
      { name: 'max attempts zero', config: { path: 'repo', maxAttempts: 0 }, valid: false },
      { name: 'no path', config: { targetBranch: 'main' }, valid: false },
    ],
  ],
  [
    ociDownloadStep,
    [
      { name: 'tag', config: { imageRef: 'oci://ghcr.io/example/chart:1.2.3', outPath: 'chart.tgz' }, valid: true },
      { name: 'digest', config: { imageRef: 'ghcr.io/example/img@sha256:abc', outPath: 'x' }, valid: true },
      { name: 'no tag', config: { imageRef: 'ghcr.io/example/img', outPath: 'x' }, valid: false },
      { name: 'missing outPath', config: { imageRef: 'ghcr.io/example/img:1' }, valid: false },
    ],
  ],
  [
    ociPushStep,
    [
      { name: 'minimal', config: { srcRef: 'ghcr.io/a/b:1', destRef: 'ghcr.io/c/d:2', annotations: { k: 'v' } }, valid: true },
      { name: 'digest dest', config: { srcRef: 'ghcr.io/a/b:1', destRef: 'ghcr.io/c/d@sha256:abc' }, valid: false },
      { name: 'annotation not string', config: { srcRef: 'ghcr.io/a/b:1', destRef: 'ghcr.io/c/d:2', annotations: { k: 1 } }, valid: false },
    ],
  ],
];

describe('hosted-provider steps', () => {
  for (const [step, corpus] of cases) {
    it(`${step.kind}: agrees with Kargo's schema`, () => {
      expectSameVerdicts(step.kind, step.validate, corpus);
    });

    it(`${step.kind}: a valid config ends in a clear, final "not supported" error naming the step`, async () => {
      const valid = corpus.find((entry) => entry.valid)!.config;
      const attempt = runStep(step, stepContext('/nonexistent'), valid);
      await expect(attempt).rejects.toThrow(`step kind "${step.kind}" is not supported by this engine`);
      await expect(attempt).rejects.toBeInstanceOf(TerminalStepError);
    });
  }
});
