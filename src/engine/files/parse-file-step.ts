// One shape for yaml-parse, json-parse and toml-parse: read a file inside the
// working directory, parse it, and evaluate each output's expression on it.

import { readFile } from 'node:fs/promises';
import { defineConfig } from '../config-schema.js';
import type { StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';
import { parseFileSchema } from './config-parts.js';
import type { ExpressionOutput } from './config-parts.js';
import { errorMessage, fsReason } from './fs-errors.js';
import { extractOutputs } from './parse-outputs.js';

export interface ParseFileConfig {
  path: string;
  outputs: ExpressionOutput[];
}

interface ParseFormat {
  /** As Kargo names the format in messages: `YAML`, `JSON`, `TOML`. */
  label: string;
  parse(text: string): unknown;
  /** YAML and TOML refuse an empty file up front; JSON lets the parser say so. */
  refuseEmpty: boolean;
}

export function parseFileStep(kind: string, format: ParseFormat): StepRunner<ParseFileConfig> {
  return {
    kind,
    validate: defineConfig(kind, parseFileSchema),
    async run(context, config) {
      const absolute = resolveInWorkDir(context.workDir, config.path);
      const quoted = JSON.stringify(config.path);
      let text: string;
      try {
        text = await readFile(absolute, 'utf8');
      } catch (error) {
        throw new Error(`error reading ${format.label} file ${quoted}: ${fsReason(error)}`);
      }
      if (format.refuseEmpty && text.length === 0) {
        throw new Error(`could not parse empty ${format.label} file: ${quoted}`);
      }
      let document: unknown;
      try {
        document = format.parse(text);
      } catch (error) {
        throw new Error(`could not parse ${format.label} file: ${errorMessage(error)}`);
      }
      return { status: 'Succeeded', output: extractOutputs(document, config.outputs) };
    },
  };
}
