// kubectl's template flags (--template, --allow-missing-template-keys) and the
// `-o` they complete, for any command that prints objects: add the flags with
// addTemplateOptions, then print with printObjects(objects, await outputSpecOf(…), …).

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { fail } from '../runtime/failure.js';
import { type OutputSpec, resolveOutputSpec } from '../output/output-spec.js';
import type { GlobalOptions } from './global-options.js';

export interface TemplateFlags {
  template?: string;
  allowMissingTemplateKeys?: boolean;
}

export function addTemplateOptions(command: Command): Command {
  return command
    .option('--template <template>', 'template string or file for -o go-template, go-template-file, jsonpath, jsonpath-file (alone: a Go template)')
    .option(
      '--allow-missing-template-keys [bool]',
      'with -o jsonpath or go-template: a field missing from an object prints nothing (or <no value>) instead of failing (default true)',
      parseBool,
    );
}

/** The `-o` a command was given, with its template compiled; usage errors for a bad one. */
export async function outputSpecOf(options: GlobalOptions, flags: TemplateFlags): Promise<OutputSpec> {
  return resolveOutputSpec({
    format: options.output,
    ...(options.outputArgument !== undefined ? { argument: options.outputArgument } : {}),
    ...(flags.template !== undefined ? { template: flags.template } : {}),
    allowMissingKeys: flags.allowMissingTemplateKeys ?? true,
    readFile: (path) => readFileSync(path, 'utf8'),
  });
}

function parseBool(value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  fail('usage', `--allow-missing-template-keys takes true or false, not "${value}"`);
}
