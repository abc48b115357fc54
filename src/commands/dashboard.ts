// `kargo dashboard`: the Kargo UI's address, found in the cluster (Ingress or
// Service kargo-api in Kargo's namespace), printed, and opened in the browser
// on a terminal or with --open.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { openUrl } from '../cli/open-url.js';
import { openSession } from '../cli/session.js';
import { KARGO_NAMESPACE } from '../model/resource-namespaces.js';
import { fail } from '../runtime/failure.js';
import { findDashboardAddress } from '../usecases/dashboard-address.js';

interface DashboardFlags {
  open?: boolean;
  kargoNamespace: string;
}

export function dashboardCommand(ctx: CliContext): Command {
  const command = new Command('dashboard')
    .description("Open the Kargo Dashboard in your default browser (its address is read from the cluster's kargo-api Ingress or Service)")
    .option('--open', 'open the browser even when stdout is not a terminal')
    .option('--no-open', 'only print the address')
    .option('--kargo-namespace <namespace>', 'the namespace Kargo is installed in', KARGO_NAMESPACE)
    .action(async (flags: DashboardFlags, self: Command) => {
      const session = openSession(ctx, self);
      const address = await findDashboardAddress(await session.client(), flags.kargoNamespace);
      ctx.io.stdout.write(`${address.url}\n`);
      if (!(flags.open ?? ctx.io.stdout.isTTY === true)) return;
      ctx.io.stderr.write(`Opening the Kargo Dashboard (from ${address.source}) in your browser…\n`);
      try {
        await openUrl(address.url, ctx.env);
      } catch (error) {
        fail(
          'unavailable',
          `could not start a browser: ${error instanceof Error ? error.message : String(error)}`,
          `Open ${address.url} yourself, or set $BROWSER.`,
        );
      }
    });
  return withExamples(command, [
    ['Open the Kargo Dashboard in the browser', 'kargo dashboard'],
    ['Only print its address', 'kargo dashboard --no-open'],
  ]);
}
