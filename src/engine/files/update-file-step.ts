// One shape for yaml-update, json-update and toml-update: rewrite a file in
// the working directory with a format-preserving editor, and describe the
// change in a commit message (`Updated <path>` and one line per key).

import { readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from '../config-schema.js';
import type { StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';
import { updateFileSchema } from './config-parts.js';
import type { KeyValueUpdate } from './config-parts.js';
import { errorMessage, fsReason } from './fs-errors.js';

export interface UpdateFileConfig {
  path: string;
  updates: KeyValueUpdate[];
}

interface FileEditor {
  /** Kargo's first words when the update fails, e.g. `values file update failed`. */
  failure: string;
  /** Kargo's second layer of context, when it has one. */
  context?: (path: string) => string;
  apply(text: string, updates: readonly KeyValueUpdate[]): string;
  /** How a value appears in the commit message. */
  describe(value: unknown): string;
}

export function updateFileStep(kind: string, editor: FileEditor): StepRunner<UpdateFileConfig> {
  return {
    kind,
    validate: defineConfig(kind, updateFileSchema),
    async run(context, config) {
      const absolute = resolveInWorkDir(context.workDir, config.path);
      try {
        await rewrite(absolute, config, editor);
      } catch (error) {
        const layers = [editor.failure, editor.context?.(config.path), errorMessage(error)];
        throw new Error(layers.filter((layer) => layer !== undefined).join(': '));
      }
      const lines = config.updates.map((update) => `\n- ${update.key}: ${editor.describe(update.value)}`);
      return { status: 'Succeeded', output: { commitMessage: `Updated ${config.path}\n${lines.join('')}` } };
    },
  };
}

async function rewrite(absolute: string, config: UpdateFileConfig, editor: FileEditor): Promise<void> {
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new Error(`error reading file ${JSON.stringify(config.path)}: ${fsReason(error)}`);
  }
  let updated: string;
  try {
    updated = editor.apply(text, config.updates);
  } catch (error) {
    throw new Error(`error mutating bytes: ${errorMessage(error)}`);
  }
  await writeFile(absolute, updated);
}
