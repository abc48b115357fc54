// How shell completion offers values for flags and arguments. Values are fixed,
// come from the cluster (or the kubeconfig) at completion time through
// `kargo __complete`, or are paths the shell itself completes. Flags get their
// hint from their long name, their value's placeholder or commander choices;
// commands may declare their positional arguments' hints with
// completeArguments(), and otherwise `<name>` of `verb KIND <name>` completes
// names of that kind (`verify stage <TAB>`, `abort promotion <TAB>`).

import type { Command, Option } from 'commander';
import type { DynamicSource } from '../usecases/complete-values.js';

/** Where dynamic values come from: the cluster's objects, or the kubeconfig's contexts. */
export type CompletionSource = DynamicSource | 'contexts';

export type CompletionHint =
  | { values: string[] }
  | { source: CompletionSource }
  /** Names of whatever kind the first argument named (`kargo get stages <TAB>`). */
  | { namesOfKind: Record<string, CompletionSource> }
  /** Paths, completed by the shell. */
  | { paths: 'files' | 'directories' };

const FLAG_SOURCES: Record<string, CompletionSource> = {
  project: 'projects',
  stage: 'stages',
  'downstream-from': 'stages',
  freight: 'freight',
  'freight-alias': 'freight',
  'old-alias': 'freight',
  to: 'freight',
  warehouse: 'warehouses',
  name: 'promotions',
  context: 'contexts',
  role: 'roles',
};

const FILE_FLAGS = new Set(['kubeconfig', 'filename', 'file']);
const DIRECTORY_FLAGS = new Set(['state-dir', 'crds']);
const FILE_PLACEHOLDERS = new Set(['file', 'path', 'filename', 'file-or-dir']);
const DIRECTORY_PLACEHOLDERS = new Set(['dir', 'directory']);

/** The source of names of a kind as a command names it (`stage`, `freight`, …). */
const KIND_SOURCES: Record<string, CompletionSource> = {
  project: 'projects',
  stage: 'stages',
  warehouse: 'warehouses',
  freight: 'freight',
  promotion: 'promotions',
  // `kargo logs <name>`: a verification's AnalysisRun.
  logs: 'analysisruns',
};

export function flagHint(option: Option): CompletionHint | undefined {
  if (option.argChoices && option.argChoices.length > 0) return { values: [...option.argChoices] };
  const long = option.long?.replace(/^--/, '') ?? '';
  const placeholder = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? '';
  if (FILE_FLAGS.has(long) || FILE_PLACEHOLDERS.has(placeholder)) return { paths: 'files' };
  if (DIRECTORY_FLAGS.has(long) || DIRECTORY_PLACEHOLDERS.has(placeholder)) return { paths: 'directories' };
  const source = FLAG_SOURCES[long];
  return source ? { source } : undefined;
}

const argumentHints = new WeakMap<Command, CompletionHint[]>();

/** Declares completion for a command's positional arguments, in order; the last hint repeats. */
export function completeArguments(command: Command, ...hints: CompletionHint[]): Command {
  argumentHints.set(command, hints);
  return command;
}

export function argumentHintsOf(command: Command): CompletionHint[] {
  const declared = argumentHints.get(command);
  if (declared) return declared;
  const source = KIND_SOURCES[command.name()];
  const names = command.registeredArguments.filter((argument) => /^name/.test(argument.name()));
  return source && names.length > 0 ? [{ source }] : [];
}
