// Kargo's `argocd-update` health checker (pkg/health/checker/builtin/
// argocd.go) for the Applications the Promotion's argocd-update step
// recorded: each one must have been reconciled by Argo CD after its last
// operation (else a hard refresh is requested and health is Unknown), carry
// no configuration-error condition, be synced to every desired revision,
// and be Healthy. The worst state wins; every problem is an issue.

import { DEFAULT_ARGOCD_NAMESPACE, describeApp, errorConditions, reconciledBeforeLastOperation, type Application } from '../../engine/argocd/application.js';
import { engineResources } from '../../engine/kube-resources.js';
import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import type { HealthState } from '../../model/kargo.js';
import { syncState } from './argocd-sync.js';
import { mergeHealth } from './health-state.js';

export interface CheckResult {
  status: HealthState;
  issues: string[];
  output?: Record<string, unknown>;
}

interface AppCheck {
  name: string;
  namespace?: string;
  desiredRevisions?: string[];
}

export async function checkArgoCDApps(client: KubeClient, input: unknown): Promise<CheckResult> {
  const apps = appsOf(input);
  if (!apps) {
    return { status: 'Unknown', issues: ['could not convert opaque input into argocd-update health check input: "apps" must be a list of Applications'] };
  }
  let status: HealthState = 'Healthy';
  const issues: string[] = [];
  const applicationStatuses: Record<string, unknown>[] = [];
  for (const check of apps) {
    const namespace = check.namespace || DEFAULT_ARGOCD_NAMESPACE;
    const result = await appHealth(client, namespace, check.name, check.desiredRevisions ?? []);
    status = mergeHealth(status, result.state);
    issues.push(...result.issues);
    applicationStatuses.push({ Namespace: namespace, Name: check.name, ...result.status });
  }
  return { status, issues, output: { applicationStatuses } };
}

interface AppResult {
  state: HealthState;
  issues: string[];
  status: Record<string, unknown>;
}

async function appHealth(client: KubeClient, namespace: string, name: string, desired: readonly string[]): Promise<AppResult> {
  let app: Application;
  try {
    app = await client.get<Application>(engineResources.application, name, namespace);
  } catch (error) {
    const issue =
      error instanceof KubeApiError && error.code === 404
        ? `unable to find Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}`
        : `error finding Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}: ${error instanceof Error ? error.message : String(error)}`;
    return { state: 'Unknown', issues: [issue], status: { sync: { status: 'Unknown' }, health: { status: 'Unknown' } } };
  }
  const status = sanitized(app);
  const what = describeApp(app);
  if (reconciledBeforeLastOperation(app)) {
    await requestHardRefresh(client, app);
    return {
      state: 'Unknown',
      issues: [`${what} was not reconciled after its most recent operation completed; Application health status not trusted`],
      status,
    };
  }
  const broken = errorConditions(app);
  if (broken.length > 0) {
    return {
      state: 'Unhealthy',
      issues: broken.map((condition) => `${what} has ${JSON.stringify(condition.type)} condition: ${condition.message ?? ''}`),
      status,
    };
  }
  const sync = syncState(app, desired);
  if (sync) return { ...sync, status };
  switch (app.status?.health?.status ?? '') {
    case 'Healthy':
      return { state: 'Healthy', issues: [], status };
    case 'Progressing':
    case '':
      return { state: 'Progressing', issues: [`${what} is progressing`], status };
    case 'Suspended':
      return { state: 'Progressing', issues: [`${what} is suspended`], status };
    default:
      return { state: 'Unhealthy', issues: [`${what} has health state ${JSON.stringify(app.status?.health?.status)}`], status };
  }
}

/** The Application's status without what changes on every Argo CD refresh. */
function sanitized(app: Application): Record<string, unknown> {
  const status: Record<string, unknown> = structuredClone(app.status ?? {});
  delete status['reconciledAt'];
  const conditions = status['conditions'];
  if (Array.isArray(conditions)) {
    status['conditions'] = conditions.map((condition: Record<string, unknown>) => {
      const { lastTransitionTime: _dropped, ...rest } = condition;
      return rest;
    });
  }
  return status;
}

/** Kargo's RequestAppRefresh; a failure is only logged there, so it is ignored here. */
async function requestHardRefresh(client: KubeClient, app: Application): Promise<void> {
  const patch = { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'hard' } } };
  await client.patch(engineResources.application, app.metadata.name ?? '', patch, app.metadata.namespace).catch(() => undefined);
}

function appsOf(input: unknown): AppCheck[] | undefined {
  if (!input || typeof input !== 'object') return [];
  const apps = (input as { apps?: unknown }).apps;
  if (apps === undefined || apps === null) return [];
  if (!Array.isArray(apps)) return undefined;
  const valid = apps.every((app) => app && typeof app === 'object' && typeof (app as { name?: unknown }).name === 'string');
  return valid ? (apps as AppCheck[]) : undefined;
}
