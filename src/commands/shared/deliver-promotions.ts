// Creating the planned Promotions (or having the server validate them), reporting
// them, and waiting if asked: shared by promote and rollback.

import type { CliContext } from '../../cli/context.js';
import { exitQuietly } from '../../cli/errors.js';
import { ExitCode } from '../../cli/exit-codes.js';
import type { KubeObject, Promotion } from '../../model/kargo.js';
import type { WaitTarget } from '../../usecases/await-promotion.js';
import { type PlannedPromotion, submitPromotions } from '../../usecases/promote.js';
import { freightLabel } from '../../usecases/resolve-freight.js';
import { waitForPromotion } from './promotion-waiter.js';
import { type ObjectOutput, printObjects } from './workflow-options.js';
import type { Session } from '../../cli/session.js';

export interface DeliverOptions {
  dryRun: boolean;
  waitTarget?: WaitTarget;
  timeoutMs: number;
  output?: ObjectOutput;
  /** How the created objects are called on stderr ("promotion", "rollback promotion"). */
  label: string;
  /** The stdout line for each created Promotion without -o (default: its name). */
  nameLine?: NameLine;
}

/** The stdout line naming a Promotion when no -o is given. */
export type NameLine = (promotion: Promotion) => string;

const bareName: NameLine = (promotion) => promotion.metadata.name ?? '';

/** Creates the planned Promotions (or has the server validate them), reports them, and waits if asked. */
export async function deliverPromotions(ctx: CliContext, session: Session, plans: PlannedPromotion[], options: DeliverOptions): Promise<ExitCode> {
  const { client, project } = await session.target();
  const submit = (dryRun: boolean) => submitPromotions(client, plans, { dryRun, sleep: (ms) => ctx.clock.sleep(ms, ctx.signal) });
  if (options.dryRun) {
    const validated = await submit(true);
    for (const plan of plans) ctx.io.stderr.write(`${plan.decision.text}\n`);
    ctx.io.stderr.write(`Dry run: the server accepted ${plans.length === 1 ? 'this Promotion' : `these ${plans.length} Promotions`}; nothing was created.\n`);
    await printObjects(ctx, validated, options.output === 'json' ? 'json' : 'yaml');
    return ExitCode.Success;
  }

  const created: Promotion[] = [];
  const reportCreated = (promotion: Promotion, plan: PlannedPromotion): void => {
    created.push(promotion);
    const approved = plan.decision.explanation.verdict === 'approved' ? ' (approved)' : '';
    ctx.io.stderr.write(`Created ${options.label} ${promotion.metadata.name}: ${freightLabel(plan.freight)} → Stage ${plan.stage.metadata.name}${approved}\n`);
  };
  try {
    await submitPromotions(client, plans, { dryRun: false, sleep: (ms) => ctx.clock.sleep(ms, ctx.signal), onCreated: reportCreated });
  } catch (error) {
    reportUnfinished(ctx, project, plans, created, options.waitTarget ?? 'promotion', options.nameLine ?? bareName);
    if (ctx.signal.aborted) throw exitQuietly(ExitCode.Interrupted);
    throw error;
  }
  if (!options.waitTarget) {
    if (options.output) await printObjects(ctx, created, options.output);
    else for (const promotion of created) ctx.io.stdout.write(`${(options.nameLine ?? bareName)(promotion)}\n`);
    return ExitCode.Success;
  }
  return waitAndReport(ctx, session, created, options.waitTarget, options.timeoutMs, options.output, options.nameLine);
}

/**
 * Creating stopped part-way (Ctrl-C, SIGTERM, a failure): says what exists, how to
 * follow it, and that the Promotion being created when it stopped may exist too.
 * The created names also go to stdout, for scripts.
 */
function reportUnfinished(ctx: CliContext, project: string, plans: PlannedPromotion[], created: Promotion[], target: WaitTarget, nameLine: NameLine): void {
  for (const promotion of created) {
    const follow = `kargo promote -p ${project} --name ${promotion.metadata.name} --wait${target === 'verification' ? '=verification' : ''}`;
    ctx.io.stderr.write(`Promotion ${promotion.metadata.name} exists and goes on in the cluster; follow it with: ${follow}\n`);
    ctx.io.stdout.write(`${nameLine(promotion)}\n`);
  }
  const pending = plans[created.length];
  if (pending && ctx.signal.aborted) {
    const stage = pending.stage.metadata.name;
    ctx.io.stderr.write(
      `Stopped while creating the Promotion for Stage ${stage}; it may or may not exist: check with kargo get promotions -p ${project} --stage ${stage}\n`,
    );
  }
}

/** Waits for each Promotion in turn; the worst exit code wins. Prints names (or final objects) on stdout. */
export async function waitAndReport(
  ctx: CliContext,
  session: Session,
  promotions: Promotion[],
  target: 'promotion' | 'verification',
  timeoutMs: number,
  output: ObjectOutput | undefined,
  nameLine: NameLine = bareName,
): Promise<ExitCode> {
  const { client, project } = await session.target();
  let worst: ExitCode = ExitCode.Success;
  const finals: Promotion[] = [];
  const extras: KubeObject[] = [];
  for (const promotion of promotions) {
    const report = await waitForPromotion(ctx, client, { project, promotion, target, timeoutMs });
    const outcome = report.outcome;
    finals.push('promotion' in outcome && outcome.promotion ? outcome.promotion : promotion);
    if (outcome.kind === 'verification-finished' && outcome.analysisRun) extras.push(outcome.analysisRun);
    if (report.exitCode !== ExitCode.Success && worst === ExitCode.Success) worst = report.exitCode;
    if (report.exitCode === ExitCode.Interrupted || report.exitCode === ExitCode.Timeout) break;
  }
  if (output) await printObjects(ctx, [...finals, ...extras], output);
  else for (const promotion of finals) ctx.io.stdout.write(`${nameLine(promotion)}\n`);
  return worst;
}
