// How every command's help is laid out: the root's flags, which every command
// accepts, are listed under each subcommand's own as "Global Options" (as
// kubectl's "Global Flags"), so `kargo get --help` alone tells how to pick the
// cluster, project and output format.

import { type Command, Help } from 'commander';

/** Applies the layout to one command; `terms` overrides how some subcommands are listed. */
export function applyHelpLayout(command: Command, terms: ReadonlyMap<Command, string>): void {
  const help = new Help();
  command.configureHelp({
    showGlobalOptions: true,
    subcommandTerm: (sub) => terms.get(sub) ?? help.subcommandTerm(sub),
  });
}
