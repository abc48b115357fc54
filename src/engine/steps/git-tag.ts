// git-tag: creates an annotated tag at a worktree's HEAD (`force` replaces an
// existing one); output `commit`, the tagged commit, as Kargo's step reports.
// Pushing the tag is git-push's job (`tag:`).

import { boolean, defineConfig, nonEmptyString, object } from '../config-schema.js';
import { openWorkTree } from '../git/step-support.js';
import { createTag, lastCommitID } from '../git/work-tree.js';
import { rethrowWith } from '../git/wrap-error.js';
import type { StepRunner } from '../step.js';

export interface GitTagConfig {
  path: string;
  tag: string;
  message: string;
  force?: boolean;
}

// Kargo's git-tag schema is the one step schema that allows unknown keys.
const validate = defineConfig(
  'git-tag',
  object(
    { force: boolean(), message: nonEmptyString(), tag: nonEmptyString(), path: nonEmptyString() },
    { required: ['path', 'tag', 'message'], additional: true },
  ),
);

export const gitTagStep: StepRunner<GitTagConfig> = {
  kind: 'git-tag',
  validate,
  async run(context, config) {
    const workTree = await openWorkTree(context, config.path);
    await createTag(workTree, config.tag, config.message, config.force ?? false).catch(rethrowWith(`error creating tag ${config.tag}`));
    const head = await lastCommitID(workTree).catch(rethrowWith('error getting last commit ID'));
    return { status: 'Succeeded', output: { commit: head } };
  },
};
