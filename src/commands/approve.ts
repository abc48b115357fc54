// `kargo approve --freight F --stage S`: lets F into S without upstream
// verification or soak (Kargo's manual approval).

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { ExitCode } from '../cli/exit-codes.js';
import { withExamples } from '../cli/help.js';
import { approveFreight } from '../usecases/approve.js';
import { type FreightSelector, freightLabel } from '../usecases/resolve-freight.js';
import { fail } from '../runtime/failure.js';
import { exitWith } from './shared/workflow-options.js';
import { openSession, type Session } from '../cli/session.js';

export interface ApproveFlags {
  freight?: string;
  freightAlias?: string;
  stage?: string;
}

export function approveCommand(ctx: CliContext): Command {
  const command = new Command('approve')
    .description('Approve Freight for a Stage: it may then be promoted there without upstream verification or soak')
    .option('--freight <name-or-alias>', 'the Freight, by name or alias')
    .option('--freight-alias <alias>', 'the Freight, by alias only')
    .option('--stage <name>', 'the Stage to approve it for')
    .action(async (flags: ApproveFlags, self: Command) => {
      const session = openSession(ctx, self);
      exitWith(await runApprove(ctx, session, flags));
    });
  withExamples(command, [
    ["Let jolly-penguin into prod without staging's verification or soak", 'kargo approve -p shop --freight jolly-penguin --stage prod'],
    ['Then promote it', 'kargo promote -p shop --freight jolly-penguin --stage prod'],
  ]);
  return command.addHelpText(
    'after',
    `
An approval is for one Stage, for Freight from an origin that Stage requests, and
it is permanent. It needs the "promote" permission on the Stage: the cluster does
not check that for approvals, so kargo does.
`,
  );
}

async function runApprove(ctx: CliContext, session: Session, flags: ApproveFlags): Promise<ExitCode> {
  const { client, project } = await session.target();
  if (!flags.stage) fail('usage', 'Say which Stage to approve the Freight for with --stage STAGE.');
  if ((flags.freight === undefined) === (flags.freightAlias === undefined)) {
    fail('usage', 'Say which Freight to approve with exactly one of --freight NAME_OR_ALIAS or --freight-alias ALIAS.');
  }
  const selector: FreightSelector = flags.freight !== undefined ? { by: 'name-or-alias', value: flags.freight } : { by: 'alias', value: flags.freightAlias! };
  const result = await approveFreight(client, project, selector, flags.stage, ctx.clock);
  const label = freightLabel(result.freight);
  if (result.kind === 'already-approved') {
    ctx.io.stderr.write(
      `Freight ${label} was already approved for Stage ${flags.stage}${result.approvedAt ? ` (at ${result.approvedAt})` : ''}; nothing changed.\n`,
    );
  } else {
    ctx.io.stderr.write(
      `Approved Freight ${label} for Stage ${flags.stage}. Promote it with: kargo promote -p ${project} --freight ${result.freight.alias ?? result.freight.metadata.name} --stage ${flags.stage}\n`,
    );
  }
  return ExitCode.Success;
}
