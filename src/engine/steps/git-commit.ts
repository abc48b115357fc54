// git-commit: stages everything in a worktree and commits it with `message`
// (and the deprecated per-commit `author`); output `commit`, the HEAD after.
// With nothing to commit the step is Skipped and reports the existing HEAD,
// as Kargo does. (`messageFromSteps` was removed in Kargo v1.10.0: build the
// message with an expression such as `${{ outputs.update.commitMessage }}`.)

import { defineConfig, nonEmptyString, object } from '../config-schema.js';
import { openWorkTree } from '../git/step-support.js';
import { SIGNING_UNSUPPORTED } from '../git/system-user.js';
import { addAll, commit, hasDiffs, lastCommitID } from '../git/work-tree.js';
import { rethrowWith } from '../git/wrap-error.js';
import { TerminalStepError, type StepRunner } from '../step.js';
import { authorSchema, type GitAuthorConfig } from '../git/clone-config.js';

export interface GitCommitConfig {
  path: string;
  message: string;
  author?: GitAuthorConfig;
}

const validateSchema = defineConfig(
  'git-commit',
  object({ author: authorSchema, message: nonEmptyString(), path: nonEmptyString() }, { required: ['path', 'message'] }),
);

const MESSAGE_FROM_STEPS_HINT =
  'messageFromSteps: was removed in Kargo v1.10.0; write the message with an expression instead, ' + "e.g. message: ${{ outputs['<alias>'].commitMessage }}";

function validate(config: unknown): string[] {
  const problems = validateSchema(config);
  const usesRemovedField = typeof config === 'object' && config !== null && 'messageFromSteps' in config;
  return usesRemovedField ? [...problems, MESSAGE_FROM_STEPS_HINT] : problems;
}

export const gitCommitStep: StepRunner<GitCommitConfig> = {
  kind: 'git-commit',
  validate,
  async run(stepContext, config) {
    if (config.author?.signingKey) throw new TerminalStepError(SIGNING_UNSUPPORTED, { status: 'Failed' });
    const workTree = await openWorkTree(stepContext, config.path);
    await addAll(workTree).catch(rethrowWith('error adding all changes to working tree'));
    const changed = await hasDiffs(workTree).catch(rethrowWith('error checking for diffs in working tree'));
    if (changed) {
      await commit(workTree, config.message, { author: config.author }).catch(rethrowWith('error committing to working tree'));
    }
    const head = await lastCommitID(workTree).catch(rethrowWith('error getting last commit ID'));
    return { status: changed ? 'Succeeded' : 'Skipped', output: { commit: head } };
  },
};
