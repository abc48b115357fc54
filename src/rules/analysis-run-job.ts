// Which Job a verification's logs come from, chosen as Kargo's API server
// chooses it (get_analysisrun_logs_v1alpha1.go): the AnalysisRun's one job
// metric (or the one named), its one container (or the one named), and the Job
// recorded in the first measurement's metadata. Problems carry Kargo's words.

import type { AnalysisRun } from '../model/analysis.js';

export interface RunJob {
  metric: string;
  container: string;
  jobNamespace: string;
  jobName: string;
}

export type RunJobProblem = { kind: 'not-found' | 'usage'; message: string };

export function runJobOf(run: AnalysisRun, wanted: { metric?: string; container?: string }): RunJob | RunJobProblem {
  const where = `AnalysisRun "${run.metadata.name ?? ''}" in namespace "${run.metadata.namespace ?? ''}"`;
  const jobMetrics = run.spec.metrics.filter((metric) => metric.provider.job);
  const metric = wanted.metric ? jobMetrics.find((candidate) => candidate.name === wanted.metric) : jobMetrics[0];
  if (wanted.metric && !metric) return { kind: 'not-found', message: `${where} has no job metric named "${wanted.metric}"` };
  if (!metric?.provider.job) return { kind: 'not-found', message: `${where} has no job metrics` };
  if (!wanted.metric && jobMetrics.length > 1) {
    return {
      kind: 'usage',
      message: `${where} has multiple job metrics; please specify a metric name (--metric: ${jobMetrics.map((m) => m.name).join(', ')})`,
    };
  }
  const containers = metric.provider.job.spec.template.spec.containers.map((container) => container.name);
  if (containers.length === 0) return { kind: 'not-found', message: `${where} has no containers in Jobs for metric "${metric.name}"` };
  const container = wanted.container ? containers.find((name) => name === wanted.container) : containers[0];
  if (!container) return { kind: 'not-found', message: `${where} has no container named "${wanted.container}" in Jobs for metric "${metric.name}"` };
  if (!wanted.container && containers.length > 1) {
    return {
      kind: 'usage',
      message: `${where} has multiple containers in Jobs for metric "${metric.name}"; please specify a container name (--container: ${containers.join(', ')})`,
    };
  }
  const result = run.status?.metricResults?.find((candidate) => candidate.name === metric.name);
  if (!result) return { kind: 'not-found', message: `${where} has no result for metric "${metric.name}"` };
  const first = result.measurements?.[0];
  if (!first) return { kind: 'not-found', message: `result for metric "${metric.name}" has no measurements` };
  const jobNamespace = first.metadata?.['job-namespace'];
  if (!jobNamespace) return { kind: 'not-found', message: `result for metric "${metric.name}" has no Job namespace metadata` };
  const jobName = first.metadata?.['job-name'];
  if (!jobName) return { kind: 'not-found', message: `result for metric "${metric.name}" has no Job name metadata` };
  return { metric: metric.name, container, jobNamespace, jobName };
}
