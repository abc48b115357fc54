// `kargo promote`: parse flags → plan (all of Kargo's checks) → create once (or
// dry-run) → optionally wait. Also `--name N --wait` to follow an existing
// Promotion, and `--abort --name N`.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import type { ExitCode } from '../cli/exit-codes.js';
import { withExamples } from '../cli/help.js';
import { qualifiedName, resources } from '../kube/resources.js';
import { ulidSource } from '../rules/promotion-name.js';
import { getPromotion } from '../usecases/lookups.js';
import { type PromoteFreight, type PromoteTarget, planPromotions } from '../usecases/promote.js';
import { fail } from '../runtime/failure.js';
import { reportAbort } from './shared/report-abort.js';
import { addPromotionWaitOptions, exitWith, parseObjectOutput, parseTimeout, parseWaitTarget } from './shared/workflow-options.js';
import { deliverPromotions, waitAndReport } from './shared/deliver-promotions.js';
import { openSession, type Session } from '../cli/session.js';

export interface PromoteFlags {
  freight?: string;
  freightAlias?: string;
  warehouse?: string;
  image?: string;
  commit?: string;
  stage?: string;
  downstreamFrom?: string;
  name?: string;
  abort?: boolean;
  dryRun?: boolean;
  wait?: string | boolean;
  timeout?: string;
  output?: string;
}

export function promoteCommand(ctx: CliContext): Command {
  const command = new Command('promote')
    .description('Promote Freight to a Stage (or to every Stage downstream of one), after the checks Kargo itself would make')
    .option('--freight <name-or-alias>', 'the Freight, by name or alias')
    .option('--freight-alias <alias>', 'the Freight, by alias only')
    .option('--warehouse <name>', "the Freight Kargo's auto-promotion would pick from this Warehouse")
    .option('--image <repo:tag>', 'the Freight carrying this image')
    .option('--commit <sha>', 'the Freight carrying this Git commit')
    .option('--stage <name>', 'the Stage to promote to')
    .option('--downstream-from <stage>', 'promote to every Stage directly downstream of this one (all or nothing)')
    .option('--name <promotion>', 'an existing Promotion: follow it with --wait, or stop it with --abort')
    .option('--abort', 'abort the Promotion named by --name')
    .option('--dry-run', 'show the decision and the exact Promotion (validated by the server) without creating it');
  addPromotionWaitOptions(command).action(async (flags: PromoteFlags, self: Command) => {
    const session = openSession(ctx, self);
    exitWith(await runPromote(ctx, session, { ...flags, ...(session.options.output ? { output: session.options.output } : {}) }));
  });
  withExamples(command, [
    [
      'Promote Freight (by alias or name) to a Stage; prints promotion.kargo.akuity.io/NAME promotion created',
      'kargo promote -p shop --stage staging --freight jolly-penguin',
    ],
    [
      'The same, keeping the Promotion for a script (-o name prints promotion.kargo.akuity.io/NAME)',
      'NAME=$(kargo promote -p shop --stage staging --freight jolly-penguin -o name)',
    ],
    ["Promote what Kargo's auto-promotion would pick from a Warehouse", 'kargo promote -p shop --stage dev --warehouse images'],
    [
      'In CI: promote the image just built, wait through verification, fail the job on failure',
      'kargo promote -p shop --stage staging --image ghcr.io/example/shop:1.2.0 --wait=verification --timeout 20m',
    ],
    ['Promote to every Stage directly downstream of staging (all or nothing)', 'kargo promote -p shop --downstream-from staging --freight jolly-penguin'],
    ['Show the decision and the exact Promotion without creating it', 'kargo promote -p shop --stage prod --freight jolly-penguin --dry-run -o yaml'],
    ['Follow an existing Promotion', 'kargo promote -p shop --name staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f --wait'],
    ['Abort it', 'kargo promote -p shop --abort --name staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f'],
  ]);
  return command.addHelpText(
    'after',
    `
Several upstream Stages in a Stage's sources mean ANY one of them (Kargo's default
availabilityStrategy OneOf), not all of them, unless the Stage sets
availabilityStrategy: All.

Exit codes: 0 done, 3 not found, 4 not permitted, 5 promotion Failed/Errored,
6 verification Failed/Error/Inconclusive, 7 aborted, 8 refused by Kargo's rules,
9 superseded before verification, 124 timed out, 130 interrupted.
`,
  );
}

async function runPromote(ctx: CliContext, session: Session, flags: PromoteFlags): Promise<ExitCode> {
  const { client, project } = await session.target();
  const output = parseObjectOutput(flags.output);
  const waitTarget = parseWaitTarget(flags.wait);
  const timeoutMs = parseTimeout(flags.timeout);

  if (flags.abort) {
    if (!flags.name) fail('usage', '--abort needs --name NAME (the Promotion to abort).');
    return reportAbort(ctx, session, flags.name);
  }
  if (flags.name) {
    if (selectedFreight(flags).length > 0 || flags.stage || flags.downstreamFrom) {
      fail('usage', '--name follows an existing Promotion; it cannot be combined with --freight/--warehouse/--image/--commit or --stage/--downstream-from.');
    }
    const promotion = await getPromotion(client, project, flags.name);
    return waitAndReport(ctx, session, [promotion], waitTarget ?? 'promotion', timeoutMs, output);
  }

  const freight = freightFlag(flags);
  const target = targetFlag(flags);
  if (flags.dryRun && waitTarget) fail('usage', '--dry-run creates nothing, so there is nothing to --wait for.');
  const plans = await planPromotions(client, { project, freight, target, now: ctx.clock.now(), ulid: ulidSource() });

  return deliverPromotions(ctx, session, plans, {
    dryRun: flags.dryRun ?? false,
    ...(waitTarget ? { waitTarget } : {}),
    timeoutMs,
    ...(output ? { output } : {}),
    label: 'promotion',
    // Kargo's CLI prints each created Promotion this way (kubectl's name printer, operation "promotion created").
    nameLine: (promotion) => `${qualifiedName(resources.promotion)}/${promotion.metadata.name ?? ''} promotion created`,
  });
}

function selectedFreight(flags: PromoteFlags): string[] {
  return (['freight', 'freightAlias', 'warehouse', 'image', 'commit'] as const).filter((key) => flags[key] !== undefined);
}

function freightFlag(flags: PromoteFlags): PromoteFreight {
  const chosen = selectedFreight(flags);
  if (chosen.length !== 1) {
    fail(
      'usage',
      `Say which Freight to promote with exactly one of --freight, --freight-alias, --warehouse, --image or --commit${chosen.length ? ` (got ${chosen.map(flagName).join(', ')})` : ''}.`,
    );
  }
  if (flags.freight !== undefined) return { by: 'name-or-alias', value: flags.freight };
  if (flags.freightAlias !== undefined) return { by: 'alias', value: flags.freightAlias };
  if (flags.image !== undefined) return { by: 'image', value: flags.image };
  if (flags.commit !== undefined) return { by: 'commit', value: flags.commit };
  if (flags.downstreamFrom) fail('usage', '--warehouse picks a candidate for one Stage; use it with --stage, not --downstream-from.');
  return { by: 'warehouse', value: flags.warehouse! };
}

function targetFlag(flags: PromoteFlags): PromoteTarget {
  if (flags.stage && flags.downstreamFrom) fail('usage', 'Use either --stage or --downstream-from, not both.');
  if (flags.stage) return { stage: flags.stage };
  if (flags.downstreamFrom) return { downstreamFrom: flags.downstreamFrom };
  fail('usage', 'Say where to promote with --stage STAGE (or --downstream-from STAGE).');
}

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
