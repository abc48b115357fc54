// `kargo rollback --stage S [--to F] [--dry-run] [--wait]`: promote the Stage's
// previous verified freight again, marked as a rollback.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import type { ExitCode } from '../cli/exit-codes.js';
import { withExamples } from '../cli/help.js';
import type { FreightCollection } from '../model/kargo.js';
import { ulidSource } from '../rules/promotion-name.js';
import { freightLabel } from '../usecases/resolve-freight.js';
import { chooseRollback, planRollbackPromotions } from '../usecases/rollback.js';
import { fail } from '../runtime/failure.js';
import { deliverPromotions } from './shared/deliver-promotions.js';
import { addPromotionWaitOptions, exitWith, parseObjectOutput, parseTimeout, parseWaitTarget } from './shared/workflow-options.js';
import { openSession, type Session } from '../cli/session.js';

export interface RollbackFlags {
  stage?: string;
  to?: string;
  dryRun?: boolean;
  wait?: string | boolean;
  timeout?: string;
  output?: string;
}

export function rollbackCommand(ctx: CliContext): Command {
  const command = new Command('rollback')
    .description('Return a Stage to its previous verified freight, by promoting it again (marked as a rollback)')
    .option('--stage <name>', 'the Stage to roll back')
    .option('--to <freight>', "a particular earlier freight from the Stage's history (name or alias)")
    .option('--dry-run', 'show from → to and the exact Promotion without creating it');
  addPromotionWaitOptions(command).action(async (flags: RollbackFlags, self: Command) => {
    const session = openSession(ctx, self);
    exitWith(await runRollback(ctx, session, { ...flags, ...(session.options.output ? { output: session.options.output } : {}) }));
  });
  withExamples(command, [
    ['Put prod back on the freight it had before, and wait until that is verified', 'kargo rollback -p shop --stage prod --wait=verification'],
    ["Roll back to a particular earlier freight from the Stage's history", 'kargo rollback -p shop --stage prod --to calm-otter'],
    ['See what would happen', 'kargo rollback -p shop --stage prod --dry-run'],
  ]);
  return command.addHelpText(
    'after',
    `
The target must still be available to the Stage under Kargo's rules; if it is not,
the refusal names the \`kargo approve\` command that would allow it. While the
Stage has auto-promotion enabled, Kargo holds auto-promotion after a rollback.
`,
  );
}

async function runRollback(ctx: CliContext, session: Session, flags: RollbackFlags): Promise<ExitCode> {
  const { client, project } = await session.target();
  if (!flags.stage) fail('usage', 'Say which Stage to roll back with --stage STAGE.');
  const output = parseObjectOutput(flags.output);
  const waitTarget = parseWaitTarget(flags.wait);
  const timeoutMs = parseTimeout(flags.timeout);
  if (flags.dryRun && waitTarget) fail('usage', '--dry-run creates nothing, so there is nothing to --wait for.');
  const request = { project, stage: flags.stage, ...(flags.to ? { to: flags.to } : {}), now: ctx.clock.now(), ulid: ulidSource() };
  const plan = await chooseRollback(client, request);
  const describe = (collection: FreightCollection) =>
    Object.values(collection.items ?? {})
      .map((item) => {
        const freight = plan.freightByName.get(item.name);
        return freight ? freightLabel(freight) : item.name;
      })
      .join(' + ');
  ctx.io.stderr.write(`Rolling back Stage ${flags.stage}: ${describe(plan.choice.from)} → ${describe(plan.choice.to)}\n`);
  const promotions = await planRollbackPromotions(client, request, plan);

  return deliverPromotions(ctx, session, promotions, {
    dryRun: flags.dryRun ?? false,
    ...(waitTarget ? { waitTarget } : {}),
    timeoutMs,
    ...(output ? { output } : {}),
    label: 'rollback promotion',
  });
}
