// Argo Rollouts' part, for clusters without it: every AnalysisRun is driven
// through src/analysis (measure, assess, write status) on its own work-queue
// key, and comes back when its next measurement is due. A conflicting write
// (e.g. someone set spec.terminate meanwhile) is simply reconciled again.

import { driveAnalysisRun, secretsFromKube, standardProviders, type ProviderOptions } from '../../analysis/index.js';
import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import type { AnalysisRun } from '../../model/analysis.js';
import { STAGE_ANNOTATION } from '../../model/annotations.js';
import { STAGE_LABEL } from '../../model/labels.js';
import type { Clock } from '../../runtime/clock.js';

export type AnalysisReconcile = (key: string) => Promise<number | undefined>;

export function analysisRunReconcile(client: KubeClient, clock: Clock, providers: ProviderOptions = {}): AnalysisReconcile {
  const deps = { clock, providers: standardProviders(providers), secrets: secretsFromKube(client) };
  return async (key) => {
    const [namespace = '', name = ''] = key.split('/');
    try {
      const { requeueAt } = await driveAnalysisRun(client, namespace, name, deps);
      return requeueAt === undefined ? undefined : Math.max(0, requeueAt.getTime() - clock.now().getTime());
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return undefined;
      if (error instanceof KubeApiError && error.code === 409) return 0;
      throw error;
    }
  };
}

/** The `namespace/stage` key of the Stage a run verifies, if it is one of Kargo's. */
export function stageKeyOf(run: AnalysisRun): string | undefined {
  const stage = run.metadata.annotations?.[STAGE_ANNOTATION] ?? run.metadata.labels?.[STAGE_LABEL];
  return stage ? `${run.metadata.namespace ?? ''}/${stage}` : undefined;
}
