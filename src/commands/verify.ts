// `kargo verify stage S [--abort] [--wait]`: re-run (or abort) the verification
// of the Stage's current freight.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { ExitCode } from '../cli/exit-codes.js';
import { withExamples } from '../cli/help.js';
import { verificationFrame } from '../output/progress-verification.js';
import { newVerificationOf } from '../rules/verification-tracking.js';
import { followVerification } from '../usecases/follow-verification.js';
import { requestVerification } from '../usecases/verify.js';
import { startWaitDeadline } from '../runtime/deadline.js';
import { newProgressView } from './shared/promotion-waiter.js';
import { addWaitOptions, exitWith, parseTimeout } from './shared/workflow-options.js';
import { openSession, type Session } from '../cli/session.js';

export interface VerifyFlags {
  abort?: boolean;
  wait?: boolean;
  timeout?: string;
}

export function verifyCommand(ctx: CliContext): Command {
  const stage = new Command('stage')
    .description("Re-run (or with --abort, stop) the verification of a Stage's current freight")
    .argument('<name>', 'the Stage')
    .option('--abort', 'abort the verification that is running');
  addWaitOptions(stage, 'wait for the result (exit 0 Successful, 6 Failed/Error/Inconclusive)').action(
    async (name: string, flags: VerifyFlags, self: Command) => {
      const session = openSession(ctx, self);
      exitWith(await runVerify(ctx, session, name, flags));
    },
  );
  withExamples(stage, [
    ["Re-run the verification of staging's current freight and wait for its result", 'kargo verify stage staging -p shop --wait'],
    ['Abort the verification that is running now', 'kargo verify stage staging -p shop --abort'],
  ]);
  stage.addHelpText('after', '\nKargo records an aborted verification as Failed. Both need "patch" on the Stage (kargo-admin; kargo-promoter cannot).\n');
  return new Command('verify').description('Verification of Stages').addCommand(stage);
}

async function runVerify(ctx: CliContext, session: Session, stageName: string, flags: VerifyFlags): Promise<ExitCode> {
  const { client, project } = await session.target();
  const action = flags.abort ? 'abort' : 'reverify';
  const timeoutMs = parseTimeout(flags.timeout);
  const result = await requestVerification(client, project, stageName, action);
  const id = result.verification.id;
  if (result.kind === 'already-finished') {
    ctx.io.stderr.write(`The verification of Stage ${stageName}'s current freight already finished (${result.verification.phase}); nothing to abort.\n`);
    return ExitCode.Success;
  }
  ctx.io.stderr.write(
    action === 'abort'
      ? `Asked Kargo to abort verification ${id} in Stage ${stageName}.\n`
      : `Asked Kargo to re-run the verification of Stage ${stageName}'s current freight (after ${id}, which was ${result.verification.phase}).\n`,
  );
  if (!flags.wait) return ExitCode.Success;

  const deadline = startWaitDeadline(ctx.signal, timeoutMs);
  const view = newProgressView(ctx);
  try {
    const counts = action === 'abort' ? (info: { id?: string }) => info.id === id : newVerificationOf(result.stage, result.collectionId);
    const followed = await followVerification(
      client,
      project,
      stageName,
      { collectionId: result.collectionId, counts },
      {
        signal: deadline.signal,
        onChange: (snapshot) => view.show(verificationFrame(snapshot)),
        // Otherwise the view would keep showing the last phase with no hint that nothing is arriving.
        onReconnecting: (info) =>
          view.show({
            headline: `Verification of Stage ${stageName}: reconnecting to the cluster (attempt ${info.attempt}, next try in ${Math.ceil(info.retryInMs / 1000)}s) — ${info.reason}`,
            details: [],
          }),
      },
    );
    if (followed.kind === 'finished' && followed.snapshot.standing.kind === 'finished') {
      const info = followed.snapshot.standing.verification;
      if (action === 'abort') {
        view.finish('info', `Verification ${id} in Stage ${stageName} ended ${info.phase}${info.message ? `: ${info.message}` : ''}`);
        return ExitCode.Success;
      }
      if (info.phase === 'Successful') {
        view.finish('success', `Verification in Stage ${stageName} Successful`);
        return ExitCode.Success;
      }
      view.finish('failure', `Verification in Stage ${stageName} ${info.phase}${info.message ? `: ${info.message}` : ''}`);
      // Kargo v1.11.2 records an aborted verification as Failed ("Verification aborted by user").
      return ExitCode.VerificationFailed;
    }
    if (followed.kind === 'superseded') {
      view.finish('warning', `Superseded: a later promotion replaced Stage ${stageName}'s freight before this verification finished.`);
      return ExitCode.Superseded;
    }
    if (followed.kind === 'stage-deleted') {
      view.finish('failure', `Stage ${stageName} was deleted while waiting.`);
      return ExitCode.Unexpected;
    }
    const check = `kargo get stages ${stageName} -p ${project}`;
    if (deadline.cause() === 'interrupt') {
      view.finish('info', `Stopped waiting; the verification goes on in the cluster. Check it with: ${check}`);
      return ExitCode.Interrupted;
    }
    view.finish('warning', `Timed out waiting for the verification in Stage ${stageName}; it goes on in the cluster. Check it with: ${check}`);
    return ExitCode.Timeout;
  } catch (error) {
    view.stop();
    throw error;
  } finally {
    deadline.dispose();
  }
}
