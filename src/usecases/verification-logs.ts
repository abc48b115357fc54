// `kargo logs`: a verification's job logs. Kargo's API server fetches them from a
// log store configured by URL template; kubeconfig-native, they come from the
// Job's pods through `pods/log` — so they exist while the pods do.

import type { KubeClient } from '../kube/client.js';
import { coreResources } from '../kube/core-resources.js';
import { KubeApiError } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { AnalysisRun } from '../model/analysis.js';
import type { Pod } from '../model/core.js';
import { type RunJob, runJobOf } from '../rules/analysis-run-job.js';
import { Failure } from '../runtime/failure.js';
import { compareStrings } from '../runtime/compare-strings.js';

export interface VerificationLogs extends RunJob {
  /** The Job's pods, oldest first (a Job retries in new pods). */
  pods: string[];
}

export async function findVerificationLogs(
  client: KubeClient,
  project: string,
  name: string,
  wanted: { metric?: string; container?: string },
): Promise<VerificationLogs> {
  let run: AnalysisRun;
  try {
    run = await client.get<AnalysisRun>(resources.analysisRun, name, project);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) {
      throw new Failure(
        'not-found',
        `AnalysisRun "${name}" not found in project "${project}"`,
        `List verifications with \`kargo get analysisruns -p ${project}\`.`,
      );
    }
    throw error;
  }
  const job = runJobOf(run, wanted);
  if ('kind' in job) throw new Failure(job.kind, job.message);
  const { items } = await client.list<Pod>(coreResources.pod, job.jobNamespace, { labelSelector: `job-name=${job.jobName}` });
  if (items.length === 0) {
    throw new Failure(
      'not-found',
      `no pods of Job ${job.jobNamespace}/${job.jobName} are left to read logs from`,
      'Job pods are removed with the Job (the AnalysisRun deletes it once measured); their logs are then only in your log store.',
    );
  }
  const pods = items
    .sort((a, b) => compareStrings(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? ''))
    .map((pod) => pod.metadata.name ?? '');
  return { ...job, pods };
}
