// `kargo update freight NAME_OR_ALIAS --alias NEW`.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { ExitCode } from '../cli/exit-codes.js';
import { withExamples } from '../cli/help.js';
import { updateFreightAlias } from '../usecases/update-freight.js';
import { fail } from '../runtime/failure.js';
import { exitWith } from './shared/workflow-options.js';
import { openSession, type Session } from '../cli/session.js';

export interface UpdateFreightFlags {
  alias?: string;
}

export function updateCommand(ctx: CliContext): Command {
  const freight = new Command('freight')
    .description("Change a Freight's alias (aliases are unique within a project)")
    .argument('<name-or-alias>', 'the Freight')
    .option('--alias <new>', 'the new alias')
    .action(async (nameOrAlias: string, flags: UpdateFreightFlags, self: Command) => {
      const session = openSession(ctx, self);
      exitWith(await runUpdateFreight(ctx, session, nameOrAlias, flags));
    });
  withExamples(freight, [
    ['Give the Freight CI just produced a memorable alias', 'kargo update freight -p shop c3d4e5f60718293a4b5c6d7e8f90123456789012 --alias release-1-2'],
    ['Rename by its current alias', 'kargo update freight -p shop jolly-penguin --alias release-1-2'],
  ]);
  return new Command('update').description('Change Kargo objects').addCommand(freight);
}

async function runUpdateFreight(ctx: CliContext, session: Session, nameOrAlias: string, flags: UpdateFreightFlags): Promise<ExitCode> {
  const { client, project } = await session.target();
  if (!flags.alias) fail('usage', 'Say the new alias with --alias NEW.');
  const result = await updateFreightAlias(client, project, { by: 'name-or-alias', value: nameOrAlias }, flags.alias);
  const name = result.freight.metadata.name;
  if (result.kind === 'unchanged') ctx.io.stderr.write(`Freight ${name} already has alias ${flags.alias}; nothing changed.\n`);
  else ctx.io.stderr.write(`Freight ${name}: alias ${result.previousAlias ?? '(none)'} → ${flags.alias}\n`);
  return ExitCode.Success;
}
