// delete: removes files and directories inside the working directory, by
// literal path or glob pattern. A symlink is removed as a link, never followed.

import { lstat, rm } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { array, boolean, defineConfig, nonEmptyString, object, when } from '../config-schema.js';
import { isNotExist, pathError } from '../fs-messages.js';
import { glob, GlobPatternError } from '../glob.js';
import { TerminalStepError, type StepRunner } from '../step.js';
import { displayPath, resolveInWorkDir } from '../workdir.js';

export interface DeleteConfig {
  path?: string;
  paths?: string[];
  pathsAreGlobs?: boolean;
  strict?: boolean;
}

const validate = defineConfig(
  'delete',
  object(
    {
      path: nonEmptyString(),
      paths: array(nonEmptyString(), { minItems: 1 }),
      pathsAreGlobs: boolean(),
      strict: boolean(),
    },
    { oneOf: [when(['path']), when(['paths'])] },
  ),
);

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (isNotExist(error)) return false;
    throw error;
  }
}

async function literalTargets(workDir: string, paths: string[], strict: boolean): Promise<string[]> {
  const targets: string[] = [];
  for (const path of paths) {
    const absolute = resolveInWorkDir(workDir, path, { keepFinalSymlink: true });
    if (await exists(absolute)) targets.push(absolute);
    else if (strict) throw new Error(`path ${JSON.stringify(path)} does not exist`);
  }
  return targets;
}

async function globTargets(workDir: string, patterns: string[], strict: boolean): Promise<string[]> {
  const root = realpathSync(workDir);
  const targets: string[] = [];
  for (const pattern of patterns) {
    let matches: string[];
    try {
      matches = await glob(root, pattern.replace(/^\.\//, ''));
    } catch (error) {
      if (error instanceof GlobPatternError) {
        throw new TerminalStepError(`invalid glob pattern ${JSON.stringify(pattern)}: ${error.message}`);
      }
      throw error;
    }
    if (matches.length === 0 && strict) throw new Error(`no paths matched pattern ${JSON.stringify(pattern)}`);
    targets.push(...matches.map((match) => resolveInWorkDir(root, match, { keepFinalSymlink: true })));
  }
  return targets;
}

export const deleteStep: StepRunner<DeleteConfig> = {
  kind: 'delete',
  validate,
  async run(context, config) {
    const paths = [...(config.path ? [config.path] : []), ...(config.paths ?? [])];
    const strict = config.strict ?? false;
    const targets = config.pathsAreGlobs ? await globTargets(context.workDir, paths, strict) : await literalTargets(context.workDir, paths, strict);
    for (const target of new Set(targets)) {
      try {
        await rm(target, { recursive: true, force: true });
      } catch (error) {
        throw new Error(`failed to delete: ${pathError('remove', displayPath(context.workDir, target), error)}`);
      }
    }
    return { status: 'Succeeded' };
  },
};
