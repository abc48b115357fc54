// git-push: pushes a worktree's HEAD to `targetBranch`, to a generated
// `kargo/promotion/<promotion>` branch (always forced), or to the current
// branch; or pushes `tag`. Remote changes are rebased in first (not for force
// or tag pushes) and a push the remote rejects because it moved again is
// retried on Kargo's schedule. Output: `commit`, `branch`, and `commitURL`
// when the repository's provider is known.

import { boolean, constOf, defineConfig, enumOf, integer, nonEmptyString, object, string, when } from '../config-schema.js';
import { commitURL, GIT_PROVIDERS, type GitProviderName } from '../git/commit-url.js';
import { MergeConflictError } from '../git/errors.js';
import { DEFAULT_PUSH_ATTEMPTS } from '../git/push-backoff.js';
import { push } from '../git/push.js';
import { retryWhileRemoteMoves } from '../git/push-with-retry.js';
import { openWorkTreeWithCredentials } from '../git/step-support.js';
import { gitStepOptions, type GitStepOptions } from '../git/step-options.js';
import { currentBranch, lastCommitID } from '../git/work-tree.js';
import { rethrowWith, withContext } from '../git/wrap-error.js';
import { TerminalStepError, type StepRunner } from '../step.js';

export interface GitPushConfig {
  path: string;
  targetBranch?: string;
  generateTargetBranch?: boolean;
  tag?: string;
  force?: boolean;
  maxAttempts?: number;
  provider?: GitProviderName;
}

const unset = enumOf('', null);
const notTrue = enumOf(false, null);

const validate = defineConfig(
  'git-push',
  object(
    {
      generateTargetBranch: boolean(),
      maxAttempts: integer({ minimum: 1, maximum: 2147483647 }),
      path: nonEmptyString(),
      targetBranch: string(),
      provider: string({ enum: GIT_PROVIDERS }),
      force: boolean(),
      tag: string(),
    },
    {
      required: ['path'],
      oneOf: [
        when(['generateTargetBranch'], { generateTargetBranch: constOf(true), targetBranch: unset, tag: unset }),
        when(['targetBranch'], { generateTargetBranch: notTrue, targetBranch: nonEmptyString(), tag: unset }),
        when(['tag'], { generateTargetBranch: notTrue, targetBranch: unset, tag: nonEmptyString(), force: notTrue }),
        when([], { generateTargetBranch: notTrue, targetBranch: unset, tag: unset }),
      ],
    },
  ),
);

export function createGitPushStep(options: GitStepOptions = gitStepOptions()): StepRunner<GitPushConfig> {
  return {
    kind: 'git-push',
    validate,
    async run(context, config) {
      const workTree = await openWorkTreeWithCredentials(context, config.path, options);
      let targetBranch = config.targetBranch ?? '';
      let force = config.force ?? false;
      if (config.generateTargetBranch) {
        // The name carries the Promotion's (unique) name, so the branch is this
        // promotion's alone; forcing lets a restarted promotion push it again.
        targetBranch = `kargo/promotion/${context.promotion}`;
        force = true;
      }
      if (!targetBranch) targetBranch = await currentBranch(workTree).catch(rethrowWith('error getting current branch'));
      const pushOptions = { targetBranch, tag: config.tag, force, integrate: !config.tag && !force };
      try {
        await retryWhileRemoteMoves(() => options.pushLock.run(`${workTree.url}:${targetBranch}`, () => push(workTree, pushOptions)), {
          maxAttempts: config.maxAttempts ?? DEFAULT_PUSH_ATTEMPTS,
          clock: context.clock,
          random: options.random,
          signal: context.signal,
        });
      } catch (error) {
        if (error instanceof MergeConflictError) throw new TerminalStepError(error.message, { status: 'Failed', cause: error });
        throw withContext(error, 'error pushing commits to remote');
      }
      const commit = await lastCommitID(workTree).catch(rethrowWith('error getting last commit ID'));
      const output: Record<string, unknown> = { commit };
      if (targetBranch) output.branch = targetBranch;
      const url = commitURL(workTree.url, commit, config.provider);
      if (url) output.commitURL = url;
      return { status: 'Succeeded', output };
    },
  };
}

export const gitPushStep = createGitPushStep();
