// `kargo abort promotion NAME`: asks Kargo to terminate a running or pending
// Promotion; a finished one is left alone.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { exitWith } from './shared/workflow-options.js';
import { reportAbort } from './shared/report-abort.js';
import { openSession } from '../cli/session.js';

export function abortCommand(ctx: CliContext): Command {
  const promotion = new Command('promotion')
    .description("Abort a running or queued Promotion (Kargo's controller terminates it)")
    .argument('<name>', 'the Promotion')
    .action(async (name: string, _flags: unknown, self: Command) => {
      const session = openSession(ctx, self);
      exitWith(await reportAbort(ctx, session, name));
    });
  withExamples(promotion, [
    ['Stop a promotion that is running or still queued', 'kargo abort promotion -p shop staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f'],
    ['The same through promote', 'kargo promote -p shop --abort --name staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f'],
  ]);
  promotion.addHelpText('after', '\nAborting needs "patch" on promotions and "promote" on the Stage (kargo-admin has both; kargo-promoter does not).\n');
  return new Command('abort').description('Abort a Promotion').addCommand(promotion);
}
