// argocd-wait: Running until every named Application meets what `waitFor`
// asks (default: healthy, synced, no operation in progress), as `argocd app
// wait` does. Health that regresses to Degraded while waiting is final.

import { array, defineConfig, object, string } from '../config-schema.js';
import { appEntrySchema } from '../argocd/config-parts.js';
import { appKey, describeApp, errorConditions, reconciledBeforeLastOperation, type Application } from '../argocd/application.js';
import { findApplications, type AppReference } from '../argocd/find-apps.js';
import { TerminalStepError, type StepRunner } from '../step.js';

type WaitFor = 'health' | 'sync' | 'operation' | 'suspended' | 'degraded';

export interface ArgoCDWaitConfig {
  apps: (AppReference & { waitFor?: WaitFor[] })[];
}

const DEFAULT_WAIT_FOR: WaitFor[] = ['health', 'sync', 'operation'];
const HEALTH_KEY = 'healthStatus';
const LOOK_AGAIN_MS = 5_000;

const validate = defineConfig(
  'argocd-wait',
  object(
    {
      apps: array(
        appEntrySchema({
          waitFor: array(string({ enum: ['health', 'sync', 'operation', 'suspended', 'degraded'] }), { minItems: 1, uniqueItems: true }),
        }),
        { minItems: 1 },
      ),
    },
    { required: ['apps'] },
  ),
);

export const argocdWaitStep: StepRunner<ArgoCDWaitConfig> = {
  kind: 'argocd-wait',
  validate,
  defaultTimeoutMs: 5 * 60_000,
  async run(context, config) {
    const previous = previousHealth(context.sharedState[context.alias]);
    const health: Record<string, string> = { ...previous };
    const waiting: string[] = [];
    for (const entry of config.apps) {
      const apps = await findApplications(context.client, entry);
      if (entry.selector && apps.length === 0) {
        throw new Error(`no Argo CD Applications found matching selector in namespace ${JSON.stringify(entry.namespace || 'argocd')}`);
      }
      for (const app of apps) {
        const current = app.status?.health?.status ?? '';
        if (current) health[appKey(app)] = current;
        const reason = notReady(app, entry.waitFor?.length ? entry.waitFor : DEFAULT_WAIT_FOR, previous[appKey(app)] ?? '');
        if (reason) waiting.push(reason);
      }
    }
    const output = { [HEALTH_KEY]: health };
    if (waiting.length === 0) return { status: 'Succeeded', output };
    return { status: 'Running', message: waiting.join('; '), output, retryAfterMs: LOOK_AGAIN_MS };
  },
};

function previousHealth(output: unknown): Record<string, string> {
  const statuses = (output as Record<string, unknown> | null | undefined)?.[HEALTH_KEY];
  if (typeof statuses !== 'object' || statuses === null) return {};
  return Object.fromEntries(Object.entries(statuses).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Why the Application is not ready yet (undefined when it is); throws when it never will be. */
function notReady(app: Application, waitFor: WaitFor[], previous: string): string | undefined {
  const what = describeApp(app);
  const broken = errorConditions(app);
  if (broken.length > 0) {
    throw new TerminalStepError(broken.map((condition) => `${what} has ${JSON.stringify(condition.type)} condition: ${condition.message ?? ''}`).join('\n'));
  }
  if (waitFor.includes('operation') && (app.operation || (app.status?.operationState && !app.status.operationState.finishedAt))) {
    return `${what} has an operation in progress`;
  }
  const health = app.status?.health?.status ?? '';
  if (waitFor.includes('health') || waitFor.includes('suspended') || waitFor.includes('degraded')) {
    if (reconciledBeforeLastOperation(app)) return `${what} was not reconciled after its most recent operation`;
    if (waitFor.includes('health') && health === 'Degraded' && previous && previous !== 'Degraded' && previous !== 'Unknown') {
      throw new TerminalStepError(`${what} health has regressed from ${previous} to ${health}`);
    }
    const passed =
      (waitFor.includes('health') && health === 'Healthy') ||
      (waitFor.includes('suspended') && health === 'Suspended') ||
      (waitFor.includes('degraded') && health === 'Degraded');
    if (!passed) return `${what} has health status ${JSON.stringify(health || 'Unknown')}`;
  }
  if (waitFor.includes('sync') && app.status?.sync?.status !== 'Synced') {
    return `${what} has sync status ${JSON.stringify(app.status?.sync?.status || 'Unknown')}`;
  }
  return undefined;
}
