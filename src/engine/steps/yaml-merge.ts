// yaml-merge: merge YAML files (later ones win) into one output file.

import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Document } from 'yaml';
import { array, boolean, defineConfig, nonEmptyString, object, string } from '../config-schema.js';
import { fsReason, isMissing } from '../files/fs-errors.js';
import { mergeYamlDocuments, readYamlDocument } from '../files/yaml-merge.js';
import type { StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';

export interface YamlMergeConfig {
  inFiles: string[];
  outFile: string;
  ignoreMissingFiles?: boolean;
}

export const yamlMergeStep: StepRunner<YamlMergeConfig> = {
  kind: 'yaml-merge',
  validate: defineConfig(
    'yaml-merge',
    object({ inFiles: array(string(), { minItems: 1 }), outFile: nonEmptyString(), ignoreMissingFiles: boolean() }, { required: ['inFiles', 'outFile'] }),
  ),
  async run(context, config) {
    const merged: string[] = [];
    const documents: Document[] = [];
    for (const inFile of config.inFiles) {
      const absolute = resolveInWorkDir(context.workDir, inFile);
      try {
        await stat(absolute);
      } catch (error) {
        if (isMissing(error) && config.ignoreMissingFiles) continue;
        const what = isMissing(error) ? 'not found' : 'could not be read';
        throw new Error(`input file ${JSON.stringify(inFile)} ${what}: ${fsReason(error)}`);
      }
      merged.push(inFile);
      const text = await readFile(absolute, 'utf8').catch((error: unknown) => {
        throw new Error(`error merging YAML files: error reading input file ${inFile}: ${fsReason(error)}`);
      });
      const document = wrapMergeError(() => readYamlDocument(text, inFile));
      if (document) documents.push(document);
    }
    const outFile = resolveInWorkDir(context.workDir, config.outFile);
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, mergeYamlDocuments(documents));
    return merged.length === 0 ? { status: 'Succeeded' } : { status: 'Succeeded', output: { commitMessage: describe(merged, config.outFile) } };
  },
};

function wrapMergeError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`error merging YAML files: ${(error as Error).message}`);
  }
}

function describe(inFiles: readonly string[], outFile: string): string {
  if (inFiles.length === 1) return `Wrote ${inFiles[0]} to ${outFile}`;
  return [`Merged ${inFiles.length} YAML files to ${outFile}`, ...inFiles.map((path) => `- ${path}`)].join('\n');
}
