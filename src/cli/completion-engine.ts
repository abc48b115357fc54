// Reads a command line being completed (the words after `kargo`, the last one
// the word under the cursor) the way the bash script does, for completers that
// ask kargo itself: `kubectl kargo <TAB>` (through kubectl_complete-kargo) and
// PowerShell. Pure: what to offer, not the values from the cluster.

import { allCommands, type CommandSpec, type FlagSpec } from './completion-model.js';
import type { CompletionHint } from './completion-hints.js';
import type { CompletionTarget } from './completion-lookup.js';

export interface CompletionQuery {
  /** The part of the word under the cursor that candidates must start with. */
  current: string;
  /** Put back in front of every candidate (`--stage=` when completing `--stage=de`). */
  prefix: string;
  /** What to offer; none when nothing completes there (a flag's free-form value). */
  hint?: CompletionHint;
  /** The command's first positional argument (the kind, for `get <kind> <TAB>`). */
  firstArg?: string;
  target: CompletionTarget;
}

export function readCompletionLine(root: CommandSpec, words: readonly string[]): CompletionQuery {
  const specs = new Map(allCommands(root).map((spec) => [spec.path, spec]));
  const target: CompletionTarget = {};
  const args: string[] = [];
  let command = root;
  let pending: FlagSpec | undefined;
  const before = words.slice(0, -1);
  for (const word of before) {
    if (pending) {
      remember(target, pending.names, word);
      pending = undefined;
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      const [name, value] = splitFlag(word);
      const flag = findFlag(root, command, name);
      if (value !== undefined) remember(target, flag?.names ?? [name], value);
      else if (flag?.takesValue) pending = flag;
      continue;
    }
    const sub = args.length === 0 ? specs.get(command.path ? `${command.path} ${word}` : word) : undefined;
    if (sub) command = sub;
    else args.push(word);
  }
  const word = words.at(-1) ?? '';
  const base = { target, ...(args[0] !== undefined ? { firstArg: args[0] } : {}) };
  if (pending) return withHint({ ...base, current: word, prefix: '' }, pending.hint);
  if (word.startsWith('-') && word.includes('=')) {
    const [name, value = ''] = splitFlag(word);
    return withHint({ ...base, current: value, prefix: `${name}=` }, findFlag(root, command, name)?.hint);
  }
  if (word.startsWith('-')) {
    const names = [...root.flags, ...(command === root ? [] : command.flags)].flatMap((flag) => flag.names);
    return { ...base, current: word, prefix: '', hint: { values: names } };
  }
  if (args.length === 0 && command.subcommands.length > 0) {
    // A command may take an argument as well as subcommands (`get <kind>` beside `get repo-credentials`).
    const first = command.args[0];
    const argumentValues = first && 'values' in first ? first.values : [];
    return { ...base, current: word, prefix: '', hint: { values: [...command.subcommands.map((sub) => sub.name), ...argumentValues] } };
  }
  return withHint({ ...base, current: word, prefix: '' }, command.args[Math.min(args.length, command.args.length - 1)]);
}

function withHint(query: CompletionQuery, hint: CompletionHint | undefined): CompletionQuery {
  return hint ? { ...query, hint } : query;
}

function splitFlag(word: string): [string, string | undefined] {
  const at = word.indexOf('=');
  return at < 0 ? [word, undefined] : [word.slice(0, at), word.slice(at + 1)];
}

function findFlag(root: CommandSpec, command: CommandSpec, name: string): FlagSpec | undefined {
  return [...command.flags, ...root.flags].find((flag) => flag.names.includes(name));
}

function remember(target: CompletionTarget, names: string[], value: string): void {
  if (names.includes('--project')) target.project = value;
  else if (names.includes('--kubeconfig')) target.kubeconfig = value;
  else if (names.includes('--context')) target.context = value;
}
