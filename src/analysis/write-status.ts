// Driving one AnalysisRun through a KubeClient: read it, reconcile, write the
// next status. AnalysisRun has no status subresource, so the status goes
// through an update of the whole object; its resourceVersion makes a
// concurrent change (e.g. spec.terminate) a 409 conflict, and the caller
// simply reconciles again.

import type { KubeClient } from '../kube/client.js';
import type { AnalysisRun, AnalysisRunStatus } from '../model/analysis.js';
import { ANALYSIS_RUNS } from './kube-resources.js';
import { reconcileAnalysisRun, type AnalysisDeps } from './reconcile.js';

export interface DriveResult {
  run: AnalysisRun;
  /** Whether a new status was written. */
  wrote: boolean;
  requeueAt: Date | undefined;
}

export async function driveAnalysisRun(client: KubeClient, namespace: string, name: string, deps: AnalysisDeps): Promise<DriveResult> {
  const run = await client.get<AnalysisRun>(ANALYSIS_RUNS, name, namespace);
  const { status, requeueAt } = await reconcileAnalysisRun(run, deps);
  if (!status) return { run, wrote: false, requeueAt };
  const written = await writeAnalysisRunStatus(client, run, status);
  return { run: written, wrote: true, requeueAt };
}

export function writeAnalysisRunStatus(client: KubeClient, run: AnalysisRun, status: AnalysisRunStatus): Promise<AnalysisRun> {
  return client.update<AnalysisRun>(ANALYSIS_RUNS, { ...run, status }, run.metadata.namespace);
}
