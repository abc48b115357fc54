// How shell completion offers values for flags and arguments. Values either are
// fixed, or come from the cluster at completion time through `kargo __complete`.
// Flags get their hint from their long name (and commander choices); commands
// declare their positional arguments' hints with completeArguments().

import type { Command, Option } from 'commander';
import type { DynamicSource } from '../usecases/complete-values.js';

export type CompletionHint =
  | { values: string[] }
  | { source: DynamicSource }
  /** Names of whatever kind the first argument named (`kargo get stages <TAB>`). */
  | { namesOfKind: Record<string, DynamicSource> };

const FLAG_SOURCES: Record<string, DynamicSource> = {
  project: 'projects',
  stage: 'stages',
  'downstream-from': 'stages',
  freight: 'freight',
  'freight-alias': 'freight',
  warehouse: 'warehouses',
  name: 'promotions',
};

export function flagHint(option: Option): CompletionHint | undefined {
  if (option.argChoices && option.argChoices.length > 0) return { values: [...option.argChoices] };
  const source = FLAG_SOURCES[option.attributeName()] ?? FLAG_SOURCES[option.long?.replace(/^--/, '') ?? ''];
  return source ? { source } : undefined;
}

const argumentHints = new WeakMap<Command, CompletionHint[]>();

/** Declares completion for a command's positional arguments, in order; the last hint repeats. */
export function completeArguments(command: Command, ...hints: CompletionHint[]): Command {
  argumentHints.set(command, hints);
  return command;
}

export function argumentHintsOf(command: Command): CompletionHint[] {
  return argumentHints.get(command) ?? [];
}
