// file-write: writes a file inside the working directory, refusing absolute
// paths, `..`, `.git` and any symlink on the way, as Kargo does.

import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, normalize, relative, sep } from 'node:path';
import { realpathSync } from 'node:fs';
import { boolean, defineConfig, nonEmptyString, object, string } from '../config-schema.js';
import { goFsReason } from '../fs-messages.js';
import { TerminalStepError, type StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';

export interface FileWriteConfig {
  path: string;
  contents: string;
  permissions?: string;
  overwrite?: boolean;
}

const validate = defineConfig(
  'file-write',
  object(
    {
      path: nonEmptyString(),
      contents: string(),
      permissions: string({ pattern: '^0[0-7]{3}$' }),
      overwrite: boolean(),
    },
    { required: ['path', 'contents'] },
  ),
);

const refuse = (message: string) => new TerminalStepError(message, { status: 'Failed' });

export const fileWriteStep: StepRunner<FileWriteConfig> = {
  kind: 'file-write',
  validate,
  async run(context, config) {
    const quoted = JSON.stringify(config.path);
    const clean = normalize(config.path).replace(/[\\/]+$/, '');
    if (clean === '.git' || clean.startsWith(`.git${sep}`)) {
      throw refuse(`writing to the .git directory is forbidden: ${quoted}`);
    }
    const absolute = resolveInWorkDir(context.workDir, config.path);
    const resolved = relative(realpathSync(context.workDir), absolute);
    if (resolved !== clean) {
      throw refuse(`path ${quoted} resolves to a different path ${JSON.stringify(resolved)} (symlinks are forbidden)`);
    }
    const mode = Number.parseInt(config.permissions ?? '0600', 8);
    const existing = await stat(absolute).catch(() => undefined);
    if (existing && !config.overwrite) {
      throw refuse(`file ${quoted} already exists; set overwrite to true to replace it`);
    }
    try {
      await mkdir(dirname(absolute), { recursive: true, mode: 0o700 });
      await writeFile(absolute, config.contents, { mode });
      await chmod(absolute, mode);
    } catch (error) {
      throw new Error(`error writing file ${quoted}: ${goFsReason(error)}`);
    }
    return { status: 'Succeeded' };
  },
};
