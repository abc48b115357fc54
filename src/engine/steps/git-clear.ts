// git-clear: empties a worktree made by git-clone (tracked and untracked
// files alike), leaving its `.git` file in place.

import { defineConfig, nonEmptyString, object } from '../config-schema.js';
import { openWorkTree } from '../git/step-support.js';
import { addAll, clearWorkTree } from '../git/work-tree.js';
import { rethrowWith } from '../git/wrap-error.js';
import type { StepRunner } from '../step.js';

export interface GitClearConfig {
  path: string;
}

const validate = defineConfig('git-clear', object({ path: nonEmptyString() }, { required: ['path'] }));

export const gitClearStep: StepRunner<GitClearConfig> = {
  kind: 'git-clear',
  validate,
  async run(context, config) {
    const workTree = await openWorkTree(context, config.path);
    // `git rm` only removes what is indexed, so untracked files are staged first.
    await addAll(workTree).catch(rethrowWith(`error adding all files to working tree at ${config.path}`));
    await clearWorkTree(workTree).catch(rethrowWith(`error clearing working tree at ${config.path}`));
    return { status: 'Succeeded' };
  },
};
