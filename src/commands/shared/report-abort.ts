// What `kargo abort promotion` and `kargo promote --abort` print.

import type { CliContext } from '../../cli/context.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { abortPromotion } from '../../usecases/abort.js';
import type { Session } from '../../cli/session.js';

export async function reportAbort(ctx: CliContext, session: Session, name: string): Promise<ExitCode> {
  const { client, project } = await session.target();
  const result = await abortPromotion(client, project, name);
  const phase = result.promotion.status?.phase || 'Pending';
  switch (result.kind) {
    case 'already-finished':
      ctx.io.stderr.write(`Promotion ${name} already finished (${phase}); nothing to abort.\n`);
      break;
    case 'already-requested':
      ctx.io.stderr.write(`Promotion ${name} (${phase}) is already being aborted.\n`);
      break;
    case 'requested':
      ctx.io.stderr.write(`Asked Kargo to abort promotion ${name} (was ${phase}). Follow it with: kargo promote -p ${project} --name ${name} --wait\n`);
      break;
  }
  return ExitCode.Success;
}
