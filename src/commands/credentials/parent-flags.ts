// `kargo get KIND` flags belong to the listing of Kargo's own kinds (-l, -w,
// --sort-by, -A…); commander reads them for `get` even when a subcommand such as
// `get repo-credentials` runs. Given to such a subcommand, they are refused
// rather than silently ignored.

import type { Command } from 'commander';
import { fail } from '../../runtime/failure.js';

export function refuseParentFlags(command: Command): void {
  const parent = command.parent;
  if (!parent) return;
  const given = parent.options.filter((option) => parent.getOptionValueSource(option.attributeName()) === 'cli');
  const first = given[0];
  if (first)
    fail(
      'usage',
      `${first.long ?? first.short ?? first.flags} does not apply to \`kargo ${parent.name()} ${command.name()}\``,
      `See \`kargo ${parent.name()} ${command.name()} --help\`.`,
    );
}
