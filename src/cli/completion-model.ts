// The command tree as shell completion sees it: for every command path, its
// subcommands, its flags (with the root's global flags) and what its arguments
// and flag values complete to.

import type { Command, Option } from 'commander';
import { argumentHintsOf, type CompletionHint, flagHint } from './completion-hints.js';

export interface FlagSpec {
  names: string[];
  description: string;
  takesValue: boolean;
  hint?: CompletionHint;
}

export interface CommandSpec {
  /** Space-separated names from the root, '' for the root itself. */
  path: string;
  name: string;
  description: string;
  subcommands: CommandSpec[];
  /** Flags declared on this command (not inherited ones). */
  flags: FlagSpec[];
  args: CompletionHint[];
}

export function completionModel(root: Command): CommandSpec {
  return specOf(root, '');
}

function specOf(command: Command, path: string): CommandSpec {
  const visible = command.commands.filter((child) => !isHidden(child));
  return {
    path,
    name: command.name(),
    description: command.description(),
    subcommands: visible.map((child) => specOf(child, path ? `${path} ${child.name()}` : child.name())),
    // -h/--help is accepted everywhere; listing it once on the root is enough.
    flags: [...command.options.filter((option) => !option.hidden).map(flagSpec), ...(path === '' ? [HELP_FLAG] : [])],
    args: argumentHintsOf(command),
  };
}

const HELP_FLAG: FlagSpec = { names: ['-h', '--help'], description: 'display help', takesValue: false };

function flagSpec(option: Option): FlagSpec {
  const hint = flagHint(option);
  return {
    names: [option.short, option.long].filter((name): name is string => !!name),
    description: option.description,
    // An optional value (`--wait [duration]`) is usually omitted; treating it as
    // valueless keeps the next word a positional argument.
    takesValue: option.required,
    ...(hint ? { hint } : {}),
  };
}

function isHidden(command: Command): boolean {
  return command.name().startsWith('__');
}

/** Every command spec, depth first, root included. */
export function allCommands(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.subcommands.flatMap(allCommands)];
}
