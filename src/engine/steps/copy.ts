// copy: copies a file or directory inside the working directory, skipping
// `.git`, symlinks and whatever the gitignore-style `ignore` lines match.

import { lstat } from 'node:fs/promises';
import ignore from 'ignore';
import { defineConfig, nonEmptyString, object } from '../config-schema.js';
import { isNotExist, pathError } from '../fs-messages.js';
import type { StepRunner } from '../step.js';
import { copyTree } from '../tree-copy.js';
import { resolveInWorkDir } from '../workdir.js';

export interface CopyConfig {
  inPath: string;
  outPath: string;
  ignore?: string;
}

const validate = defineConfig(
  'copy',
  object({ inPath: nonEmptyString(), outPath: nonEmptyString(), ignore: nonEmptyString() }, { required: ['inPath', 'outPath'] }),
);

export const copyStep: StepRunner<CopyConfig> = {
  kind: 'copy',
  validate,
  async run(context, config) {
    const source = resolveInWorkDir(context.workDir, config.inPath);
    const destination = resolveInWorkDir(context.workDir, config.outPath);
    const rules = ignore().add('.git');
    for (const line of (config.ignore ?? '').split('\n')) {
      if (line.trim() && !line.startsWith('#')) rules.add(line);
    }
    const failure = (reason: string) => new Error(`failed to copy ${JSON.stringify(config.inPath)} to ${JSON.stringify(config.outPath)}: ${reason}`);
    try {
      await lstat(source);
    } catch (error) {
      throw failure(pathError('lstat', config.inPath, error));
    }
    try {
      await copyTree(source, destination, (relative) => rules.ignores(relative));
    } catch (error) {
      throw failure(isNotExist(error) ? pathError('open', config.inPath, error) : String((error as Error).message));
    }
    return { status: 'Succeeded' };
  },
};
