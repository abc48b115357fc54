// `kargo refresh warehouse|stage NAME [--wait]`, `kargo refresh projectconfig|clusterconfig
// [--wait]`: ask Kargo to reconcile now.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { ExitCode } from '../cli/exit-codes.js';
import { withExamples } from '../cli/help.js';
import { type RefreshKind, refreshTarget, requestRefresh, waitForRefresh } from '../usecases/refresh.js';
import { startWaitDeadline } from '../runtime/deadline.js';
import { addWaitOptions, exitWith, parseTimeout } from './shared/workflow-options.js';
import { openSession, type Session } from '../cli/session.js';

export interface RefreshFlags {
  wait?: boolean;
  timeout?: string;
}

export function refreshCommand(ctx: CliContext): Command {
  const refresh = new Command('refresh').description('Ask Kargo to reconcile a Warehouse, Stage, ProjectConfig or the ClusterConfig now');
  for (const kind of ['warehouse', 'stage'] as const) {
    const sub = addWaitOptions(new Command(kind), 'wait until Kargo has handled the refresh')
      .description(kind === 'warehouse' ? 'Make a Warehouse look for new artifacts now' : 'Re-reconcile a Stage (and its running promotion)')
      .argument('<name>', `the ${LABEL[kind]}`)
      .action(async (name: string, flags: RefreshFlags, self: Command) => {
        const session = openSession(ctx, self);
        exitWith(await runRefresh(ctx, session, kind, name, flags));
      });
    withExamples(sub, [
      kind === 'warehouse'
        ? ['Look for new artifacts now, and wait until the Warehouse has', 'kargo refresh warehouse images -p shop --wait']
        : ['Re-reconcile a Stage', 'kargo refresh stage staging -p shop'],
    ]);
    refresh.addCommand(sub);
  }
  for (const kind of ['projectconfig', 'clusterconfig'] as const) {
    const sub = addWaitOptions(new Command(kind), 'wait until Kargo has handled the refresh')
      .description(kind === 'projectconfig' ? "Re-reconcile the project's ProjectConfig" : 'Re-reconcile the ClusterConfig')
      .action(async (flags: RefreshFlags, self: Command) => {
        const session = openSession(ctx, self);
        exitWith(await runRefresh(ctx, session, kind, '', flags));
      });
    withExamples(sub, [
      kind === 'projectconfig'
        ? ['Refresh the project configuration and wait for it to complete', 'kargo refresh projectconfig --project=my-project --wait']
        : ['Refresh the cluster configuration', 'kargo refresh clusterconfig'],
    ]);
    refresh.addCommand(sub);
  }
  return refresh;
}

const LABEL: Record<RefreshKind, string> = { warehouse: 'Warehouse', stage: 'Stage', projectconfig: 'ProjectConfig', clusterconfig: 'ClusterConfig' };

async function runRefresh(ctx: CliContext, session: Session, kind: RefreshKind, name: string, flags: RefreshFlags): Promise<ExitCode> {
  const timeoutMs = parseTimeout(flags.timeout);
  const { client, project } = kind === 'clusterconfig' ? { client: await session.client(), project: '' } : await session.target();
  const request = { kind, project, name } as const;
  const requested = await requestRefresh(client, request);
  const also = requested.promotion ? ` (and its current promotion ${requested.promotion})` : '';
  const target = refreshTarget(request);
  const what = `${LABEL[kind]} ${target.namespace && kind !== 'projectconfig' ? `${target.namespace}/` : ''}${target.name}`;
  ctx.io.stderr.write(`Requested a refresh of ${what}${also}.\n`);
  if (!flags.wait) return ExitCode.Success;
  const deadline = startWaitDeadline(ctx.signal, timeoutMs);
  try {
    if (await waitForRefresh(client, request, requested.token, deadline.signal)) {
      ctx.io.stderr.write(`${what} refreshed.\n`);
      return ExitCode.Success;
    }
    if (deadline.cause() === 'interrupt') {
      ctx.io.stderr.write(`Stopped waiting; Kargo will still handle the refresh.\n`);
      return ExitCode.Interrupted;
    }
    ctx.io.stderr.write(`Timed out waiting for Kargo to handle the refresh of ${what}; is the Kargo controller running?\n`);
    return ExitCode.Timeout;
  } finally {
    deadline.dispose();
  }
}
