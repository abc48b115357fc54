// What `kargo abort promotion` and `kargo promote --abort` print.

import type { CliContext } from '../../cli/context.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { abortPromotion } from '../../usecases/abort.js';
import type { WorkflowSession } from './workflow-options.js';

export async function reportAbort(ctx: CliContext, session: WorkflowSession, name: string): Promise<ExitCode> {
  const result = await abortPromotion(session.client, session.project, name);
  const phase = result.promotion.status?.phase || 'Pending';
  switch (result.kind) {
    case 'already-finished':
      ctx.io.stderr.write(`Promotion ${name} already finished (${phase}); nothing to abort.\n`);
      break;
    case 'already-requested':
      ctx.io.stderr.write(`Promotion ${name} (${phase}) is already being aborted.\n`);
      break;
    case 'requested':
      ctx.io.stderr.write(`Asked Kargo to abort promotion ${name} (was ${phase}). Follow it with: kargo promote -p ${session.project} --name ${name} --wait\n`);
      break;
  }
  return ExitCode.Success;
}
