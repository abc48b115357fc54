// argocd-update: points Argo CD Applications' sources at the desired
// revisions and images and asks Argo CD to sync them; then reports Running
// until each sync this Promotion started has succeeded and the Application is
// Synced and Healthy at those revisions. Only Applications whose
// `kargo.akuity.io/authorized-stage` annotation names this Stage are touched.

import { describeApp, type Application, type OperationPhase } from '../argocd/application.js';
import { applicationHealth } from '../argocd/app-health.js';
import { desiredRevisions, desiredSources } from '../argocd/desired-sources.js';
import { authorizationProblem, findApplications } from '../argocd/find-apps.js';
import { checkOperation } from '../argocd/operation-check.js';
import { syncPatch } from '../argocd/sync-request.js';
import { validateArgoCDUpdateConfig, type AppUpdate, type ArgoCDUpdateConfig } from '../argocd/update-config.js';
import { engineResources } from '../kube-resources.js';
import type { StepContext, StepResult, StepRunner } from '../step.js';

const FIVE_MINUTES = 5 * 60_000;
const LOOK_AGAIN_MS = 5_000;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface AppCheck {
  name: string;
  namespace: string;
  desiredRevisions: string[];
}

export const argocdUpdateStep: StepRunner<ArgoCDUpdateConfig> = {
  kind: 'argocd-update',
  validate: validateArgoCDUpdateConfig,
  defaultTimeoutMs: FIVE_MINUTES,
  async run(context, config) {
    const phases: OperationPhase[] = [];
    const checks: AppCheck[] = [];
    const synced: { app: Application; revisions: string[] }[] = [];
    for (const update of config.apps) {
      const apps = await authorizedApplications(context, update);
      if (update.sources?.length) ensureCompatible(update, apps);
      for (const app of apps) {
        const revisions = desiredRevisions(update, app);
        checks.push({ name: app.metadata.name ?? '', namespace: app.metadata.namespace ?? '', desiredRevisions: revisions });
        const phase = await processApplication(context, update, app, revisions);
        if (phase === 'Failed' || phase === 'Error') return { status: 'Errored' };
        if (phase) phases.push(phase);
        if (phase === 'Succeeded') synced.push({ app, revisions });
      }
    }
    const status = aggregate(phases);
    if (!status) throw new Error(`could not determine promotion step status from operation phases: [${phases.join(' ')}]`);
    if (status === 'Running') return { status, retryAfterMs: LOOK_AGAIN_MS };
    const waiting = synced.flatMap(({ app, revisions }) => applicationHealth(app, revisions).issues);
    if (waiting.length > 0) return { status: 'Running', message: waiting.join('; '), retryAfterMs: LOOK_AGAIN_MS };
    return { status: 'Succeeded', healthCheck: { uses: 'argocd-update', config: { apps: checks } } };
  },
};

async function authorizedApplications(context: StepContext, update: AppUpdate): Promise<Application[]> {
  const apps = await findApplications(context.client, update);
  const authorized = apps.filter((app) => authorizationProblem(app, context.project, context.stage) === undefined);
  if (authorized.length > 0) return authorized;
  const namespace = update.namespace || apps[0]?.metadata.namespace || 'argocd';
  if (update.selector) {
    if (apps.length === 0) throw new Error(`no Argo CD Applications found matching selector in namespace ${JSON.stringify(namespace)}`);
    throw new Error(
      `found ${apps.length} Application(s) matching selector in namespace ${JSON.stringify(namespace)}, but none are authorized for Stage ${context.project}:${context.stage}`,
    );
  }
  const reason = apps[0] ? authorizationProblem(apps[0], context.project, context.stage) : undefined;
  throw new Error(
    `Argo CD Application ${JSON.stringify(update.name ?? '')} in namespace ${JSON.stringify(namespace)} is not authorized${reason ? `: ${reason}` : ''}`,
  );
}

/** With a selector, every matched Application must accept the source updates, or none is changed. */
function ensureCompatible(update: AppUpdate, apps: Application[]): void {
  if (apps.length <= 1) return;
  const problems = apps.flatMap((app) => {
    try {
      desiredSources(update, app);
      return [];
    } catch (error) {
      return [`Application ${JSON.stringify(app.metadata.name ?? '')} in namespace ${JSON.stringify(app.metadata.namespace ?? '')}: ${errorText(error)}`];
    }
  });
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3);
  const count = problems.length > 3 ? `${problems.length} incompatible (showing first 3)` : `${problems.length} incompatible`;
  throw new Error(`selected Applications must have compatible sources; ${count}. No Applications were updated:\n${shown.join('\n')}`);
}

async function processApplication(context: StepContext, update: AppUpdate, app: Application, revisions: string[]): Promise<OperationPhase | ''> {
  const check = checkOperation(app, context.promotion, revisions);
  if (!check.mustUpdate) {
    if (check.reason && check.phase === '') throw new Error(check.reason);
    if ((check.phase === 'Failed' || check.phase === 'Error') && app.status?.operationState) {
      throw new Error(`${describeApp(app)} failed with: ${app.status.operationState.message ?? ''}`);
    }
    return check.phase;
  }
  let sources;
  try {
    sources = desiredSources(update, app);
  } catch (error) {
    throw new Error(`error building desired sources for ${describeApp(app)}: ${errorText(error)}`);
  }
  try {
    await context.client.patch(
      engineResources.application,
      app.metadata.name ?? '',
      syncPatch(app, sources, context.promotion, context.promotionActor),
      app.metadata.namespace,
      { patchType: 'merge' },
    );
  } catch (error) {
    throw new Error(`error syncing ${describeApp(app)}: error patching Argo CD Application ${JSON.stringify(app.metadata.name ?? '')}: ${errorText(error)}`);
  }
  return 'Running';
}

const PHASE_ORDER: OperationPhase[] = ['Failed', 'Error', 'Running', 'Terminating', 'Succeeded'];

/** Kargo's operationPhaseToPromotionStepStatus: the most severe phase decides. */
function aggregate(phases: OperationPhase[]): StepResult['status'] | undefined {
  const worst = [...phases].sort((a, b) => PHASE_ORDER.indexOf(a) - PHASE_ORDER.indexOf(b))[0];
  switch (worst) {
    case 'Running':
    case 'Terminating':
      return 'Running';
    case 'Failed':
    case 'Error':
      return 'Errored';
    case 'Succeeded':
      return 'Succeeded';
    default:
      return undefined;
  }
}
