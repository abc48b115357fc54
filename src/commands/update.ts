// `kargo update freight NAME_OR_ALIAS --alias NEW`, or in Kargo's CLI's spelling
// `kargo update freight (--name NAME | --old-alias OLD) --new-alias NEW`.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { ExitCode } from '../cli/exit-codes.js';
import { withExamples } from '../cli/help.js';
import type { FreightSelector } from '../usecases/resolve-freight.js';
import { updateFreightAlias } from '../usecases/update-freight.js';
import { fail } from '../runtime/failure.js';
import { exitWith } from './shared/workflow-options.js';
import { openSession, type Session } from '../cli/session.js';

export interface UpdateFreightFlags {
  alias?: string;
  name?: string;
  oldAlias?: string;
  newAlias?: string;
}

export function updateCommand(ctx: CliContext): Command {
  const freight = new Command('freight')
    .description("Change a Freight's alias (aliases are unique within a project)")
    .argument('[name-or-alias]', 'the Freight')
    .option('--alias <new>', 'the new alias')
    .option('--name <name>', 'the Freight by name (Kargo CLI spelling)')
    .option('--old-alias <alias>', 'the Freight by its current alias (Kargo CLI spelling)')
    .option('--new-alias <new>', 'the new alias (Kargo CLI spelling of --alias)')
    .action(async (nameOrAlias: string | undefined, flags: UpdateFreightFlags, self: Command) => {
      const selector = selectorOf(nameOrAlias, flags);
      const session = openSession(ctx, self);
      exitWith(await runUpdateFreight(ctx, session, selector, flags));
    });
  withExamples(freight, [
    ['Give the Freight CI just produced a memorable alias', 'kargo update freight -p shop c3d4e5f60718293a4b5c6d7e8f90123456789012 --alias release-1-2'],
    ['Rename by its current alias', 'kargo update freight -p shop jolly-penguin --alias release-1-2'],
    ["The same in Kargo's CLI's spelling", 'kargo update freight --project=shop --old-alias=jolly-penguin --new-alias=release-1-2'],
  ]);
  return new Command('update').description('Change Kargo objects').addCommand(freight);
}

/** Exactly one of the positional name-or-alias, --name and --old-alias names the Freight. */
function selectorOf(nameOrAlias: string | undefined, flags: UpdateFreightFlags): FreightSelector {
  const given = [nameOrAlias, flags.name, flags.oldAlias].filter((value) => value !== undefined);
  if (given.length !== 1)
    fail(
      'usage',
      given.length === 0
        ? 'Name the Freight: kargo update freight NAME_OR_ALIAS (or --name NAME, or --old-alias ALIAS).'
        : 'Name the Freight once: a NAME_OR_ALIAS argument, --name or --old-alias.',
    );
  if (flags.oldAlias !== undefined) return { by: 'alias', value: flags.oldAlias };
  return { by: 'name-or-alias', value: nameOrAlias ?? flags.name ?? '' };
}

async function runUpdateFreight(ctx: CliContext, session: Session, selector: FreightSelector, flags: UpdateFreightFlags): Promise<ExitCode> {
  if (flags.alias !== undefined && flags.newAlias !== undefined && flags.alias !== flags.newAlias)
    fail('usage', '--alias and --new-alias say different things; give one.');
  const alias = flags.newAlias ?? flags.alias;
  if (!alias) fail('usage', 'Say the new alias with --alias NEW (or --new-alias NEW).');
  const { client, project } = await session.target();
  const result = await updateFreightAlias(client, project, selector, alias);
  const name = result.freight.metadata.name;
  if (result.kind === 'unchanged') ctx.io.stderr.write(`Freight ${name} already has alias ${alias}; nothing changed.\n`);
  else ctx.io.stderr.write(`Freight ${name}: alias ${result.previousAlias ?? '(none)'} → ${alias}\n`);
  return ExitCode.Success;
}
