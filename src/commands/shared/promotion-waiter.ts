// Shared by `promote`, `rollback` and `verify --wait`: shows live progress on
// stderr while waiting, then prints one final line and picks the exit code a CI
// step can branch on (0, 5, 6, 7, 9, 124, 130).

import type { CliContext } from '../../cli/context.js';
import { ExitCode } from '../../cli/exit-codes.js';
import type { KubeClient } from '../../kube/client.js';
import type { Promotion } from '../../model/kargo.js';
import { promotionFrame } from '../../output/progress-promotion.js';
import { verificationFrame } from '../../output/progress-verification.js';
import { createProgressView, type ProgressFrame, type ProgressView } from '../../output/progress-view.js';
import { animationEnabled } from '../../output/terminal.js';
import { formatSoak } from '../../rules/duration.js';
import { type AwaitOutcome, type WaitTarget, awaitPromotion } from '../../usecases/await-promotion.js';
import { startWaitDeadline } from '../../runtime/deadline.js';

export interface WaitRequest {
  project: string;
  promotion: Promotion;
  target: WaitTarget;
  /** 0 = no limit. */
  timeoutMs: number;
}

export interface WaitReport {
  exitCode: ExitCode;
  outcome: AwaitOutcome;
}

export async function waitForPromotion(ctx: CliContext, client: KubeClient, request: WaitRequest): Promise<WaitReport> {
  const name = request.promotion.metadata.name!;
  const deadline = startWaitDeadline(ctx.signal, request.timeoutMs);
  const startedAt = ctx.clock.now().getTime();
  let view: ProgressView = newProgressView(ctx);
  let lastFrame: ProgressFrame | undefined;
  try {
    const outcome = await awaitPromotion(client, request.project, name, {
      target: request.target,
      signal: deadline.signal,
      now: () => ctx.clock.now(),
      onPromotion: (snapshot) => view.show((lastFrame = promotionFrame(snapshot))),
      onVerification: (snapshot) => view.show(verificationFrame(snapshot)),
      onPromotionDone: (promotion) => {
        view.finish(
          'success',
          `Promotion ${name} Succeeded${stepSummary(promotion)}; following the verification of its freight in Stage ${promotion.spec.stage}`,
        );
        view = newProgressView(ctx);
      },
      // Otherwise the view would keep showing the last phase ("Pending") with no hint that nothing is arriving.
      onReconnecting: (info) =>
        view.show({
          headline: `Promotion ${name}: reconnecting to the cluster (attempt ${info.attempt}, next try in ${Math.ceil(info.retryInMs / 1000)}s) — ${info.reason}`,
          details: [],
        }),
      onReconnected: () => {
        if (lastFrame) view.show(lastFrame);
      },
    });
    const elapsed = formatSoak(ctx.clock.now().getTime() - startedAt);
    const verdict = judge(outcome, request, deadline.cause(), elapsed);
    view.finish(verdict.tone, verdict.line);
    return { exitCode: verdict.exitCode, outcome };
  } catch (error) {
    view.stop();
    throw error;
  } finally {
    deadline.dispose();
  }
}

/** The command that picks up following this promotion again. */
function followCommand(project: string, name: string, target: WaitTarget): string {
  return `kargo promote -p ${project} --name ${name} --wait${target === 'verification' ? '=verification' : ''}`;
}

interface Verdict {
  exitCode: ExitCode;
  tone: 'success' | 'failure' | 'warning' | 'info';
  line: string;
}

function judge(outcome: AwaitOutcome, request: WaitRequest, cause: 'timeout' | 'interrupt' | undefined, elapsed: string): Verdict {
  const name = request.promotion.metadata.name!;
  const stage = request.promotion.spec.stage;
  switch (outcome.kind) {
    case 'promotion-finished': {
      const status = outcome.promotion.status ?? {};
      const phase = status.phase;
      if (phase === 'Succeeded') return { exitCode: ExitCode.Success, tone: 'success', line: `Promotion ${name} Succeeded in ${elapsed}` };
      if (phase === 'Aborted')
        return { exitCode: ExitCode.Aborted, tone: 'warning', line: `Promotion ${name} was Aborted${status.message ? `: ${status.message}` : ''}` };
      const failed = (status.stepExecutionMetadata ?? []).find((step) => step.status === 'Failed' || step.status === 'Errored');
      const where = failed?.alias ? ` at step ${failed.alias}` : '';
      return {
        exitCode: ExitCode.PromotionFailed,
        tone: 'failure',
        line: `Promotion ${name} ${phase}${where}: ${status.message ?? failed?.message ?? 'no message from Kargo'}. Inspect it with \`kargo get promotion ${name} -p ${request.project} -o yaml\`.`,
      };
    }
    case 'verification-finished': {
      const { verification } = outcome;
      const run = verification.analysisRun?.name ? ` (AnalysisRun ${verification.analysisRun.name})` : '';
      if (verification.phase === 'Successful') {
        return { exitCode: ExitCode.Success, tone: 'success', line: `Verification in Stage ${stage} Successful${run}; promotion ${name} is done (${elapsed})` };
      }
      // Kargo v1.11.2 records an aborted verification as Failed ("Verification aborted by user"), never Aborted.
      return {
        exitCode: ExitCode.VerificationFailed,
        tone: 'failure',
        line: `Verification in Stage ${stage} ${verification.phase}${run}: ${verification.message ?? 'no message from Kargo'}. Re-run it with \`kargo verify stage ${stage} -p ${request.project}\` once fixed, or roll back with \`kargo rollback --stage ${stage} -p ${request.project}\`.`,
      };
    }
    case 'superseded':
      return {
        exitCode: ExitCode.Superseded,
        tone: 'warning',
        line:
          `Superseded: ${outcome.byPromotion ? `promotion ${outcome.byPromotion}` : 'a later promotion'} replaced the freight of ${name} in Stage ${stage} ` +
          `before its verification finished, so Kargo will not verify it there. This is not a failure of ${name}.`,
      };
    case 'promotion-deleted':
      return { exitCode: ExitCode.Unexpected, tone: 'failure', line: `Promotion ${name} was deleted while waiting for it.` };
    case 'stage-deleted':
      return { exitCode: ExitCode.Unexpected, tone: 'failure', line: `Stage ${stage} was deleted while waiting for its verification.` };
    case 'stopped': {
      const follow = followCommand(request.project, name, request.target);
      const where = outcome.verification ? `the verification in Stage ${stage}` : `promotion ${name} (${outcome.promotion?.status?.phase || 'Pending'})`;
      if (cause === 'interrupt') {
        return {
          exitCode: ExitCode.Interrupted,
          tone: 'info',
          line: `Stopped waiting for ${where}. The promotion goes on in the cluster; follow it again with: ${follow}`,
        };
      }
      return {
        exitCode: ExitCode.Timeout,
        tone: 'warning',
        line: `Timed out after ${elapsed} waiting for ${where}. It goes on in the cluster; keep following it with: ${follow} --timeout 0`,
      };
    }
  }
}

function stepSummary(promotion: Promotion): string {
  const steps = promotion.status?.stepExecutionMetadata?.length ?? 0;
  return steps > 0 ? ` (${steps} step${steps === 1 ? '' : 's'})` : '';
}

export function newProgressView(ctx: CliContext): ProgressView {
  const interactive = animationEnabled(ctx.io.stderr, ctx.env) && !ctx.env.KARGO_NO_SPINNER;
  return createProgressView({ stream: ctx.io.stderr, interactive, now: () => ctx.clock.now() });
}
