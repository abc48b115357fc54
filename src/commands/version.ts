// `kargo version [--client]`: this client's version and, unless --client, what
// the selected cluster serves.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { openSession } from '../cli/session.js';
import { CLI_VERSION } from '../cli/version-info.js';
import { readServerVersion, type ServerVersionInfo } from '../usecases/version.js';

interface VersionFlags {
  client?: boolean;
}

export function versionCommand(ctx: CliContext): Command {
  const command = new Command('version')
    .description('Print the client version and what the cluster serves')
    .option('--client', 'only the client version; do not contact the cluster')
    .action(async (flags: VersionFlags, self: Command) => {
      const session = openSession(ctx, self);
      const format = session.options.output;
      const server = flags.client ? undefined : await readServerVersion(await session.client());
      if (format === 'json' || format === 'yaml') {
        const { formatDocument } = await import('../output/objects.js');
        ctx.io.stdout.write(await formatDocument(versionDocument(server), format));
        return;
      }
      ctx.io.stdout.write(`Client Version: ${CLI_VERSION}\n`);
      if (server) {
        ctx.io.stdout.write(`Server Version: ${server.kubernetes}\n`);
        ctx.io.stdout.write(`Kargo API (kargo.akuity.io/v1alpha1): ${served(server.kargoApi)}\n`);
        ctx.io.stdout.write(`Argo Rollouts API (argoproj.io/v1alpha1): ${served(server.rolloutsApi)}\n`);
      }
    });
  return withExamples(command, [
    ['Client and cluster versions', 'kargo version'],
    ['Client only, as JSON', 'kargo version --client -o json'],
  ]);
}

function served(yes: boolean): string {
  return yes ? 'served' : 'not served';
}

function versionDocument(server: ServerVersionInfo | undefined): Record<string, unknown> {
  return {
    clientVersion: CLI_VERSION,
    ...(server ? { serverVersion: server.kubernetes, kargoApiServed: server.kargoApi, rolloutsApiServed: server.rolloutsApi } : {}),
  };
}
