// Kargo's aggregating health checker: each registered check of the last
// Promotion runs in turn, the worst state wins, issues are concatenated, and
// the checkers' outputs are kept as a list. A kind without a checker is
// Unknown with Kargo's words.

import type { KubeClient } from '../../kube/client.js';
import type { HealthState, StageHealth } from '../../model/kargo.js';
import { checkArgoCDApps } from './argocd-check.js';
import { mergeHealth } from './health-state.js';

export interface HealthCheck {
  uses?: string;
  config?: Record<string, unknown>;
}

export async function checkHealth(client: KubeClient, checks: readonly HealthCheck[]): Promise<StageHealth> {
  let status: HealthState = 'Healthy';
  const issues: string[] = [];
  const outputs: unknown[] = [];
  for (const check of checks) {
    if (check.uses !== 'argocd-update') {
      status = mergeHealth(status, 'Unknown');
      issues.push(`no health checker registered for health check kind ${JSON.stringify(check.uses ?? '')}`);
      continue;
    }
    const result = await checkArgoCDApps(client, check.config);
    status = mergeHealth(status, result.status);
    issues.push(...result.issues);
    if (result.output) outputs.push(result.output);
  }
  return { status, ...(issues.length > 0 ? { issues } : {}), ...(outputs.length > 0 ? { output: outputs } : {}) };
}
