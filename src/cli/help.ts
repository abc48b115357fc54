// Help text helpers shared by every command module.

import type { Command } from 'commander';

/** Appends an `Examples:` section; each example is `[comment, command line]`. */
export function withExamples(command: Command, examples: [string, string][]): Command {
  const body = examples.map(([comment, line]) => `  # ${comment}\n  ${line}`).join('\n\n');
  return command.addHelpText('after', `\nExamples:\n${body}\n`);
}
