// Job metrics, run only where the user opted in (`kargo sandbox start
// --allow-jobs`) and docker or podman is present: the Job's first container
// runs detached; the measurement stays Running and is polled until the
// container exits (0 → Successful, otherwise Failed), as Argo reads a Job's
// Complete/Failed condition. Terminating removes the container (Successful).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { JobContainer, JobMetric, Measurement, Metric } from '../../model/analysis.js';
import { formatKubeTime } from '../time-format.js';
import type { MeasurementContext, MetricProviderDriver } from './provider.js';
import { readyMeasurement } from './ready-measurement.js';

const run = promisify(execFile);
const POLL_MS = 2_000;
const COMMAND_TIMEOUT_MS = 120_000;

export const JOBS_NOT_ENABLED =
  'job metrics are not enabled in this sandbox: they run containers on this machine, so they need your consent; start it with `kargo sandbox start --allow-jobs` (docker or podman required)';
export const NO_CONTAINER_RUNTIME = 'job metrics need docker or podman on PATH; neither was found';

export interface JobOptions {
  allowJobs: boolean;
  /** docker or podman executable; undefined when neither is installed. */
  runtime: string | undefined;
}

export function jobProvider(job: JobMetric, options: JobOptions): MetricProviderDriver | { error: string } {
  if (!options.allowJobs) return { error: JOBS_NOT_ENABLED };
  const runtime = options.runtime;
  if (!runtime) return { error: NO_CONTAINER_RUNTIME };
  const container = job.spec?.template?.spec?.containers?.[0];
  if (!container?.image) return { error: 'job metric has no container image' };
  return {
    run: (metric, context) => start(runtime, container, metric, context),
    resume: (_metric, measurement, context) => poll(runtime, measurement, context),
    terminate: async (_metric, measurement, context) => {
      await remove(runtime, measurement.metadata?.['job-name']);
      return { ...measurement, phase: 'Successful', finishedAt: formatKubeTime(context.clock.now()), resumeAt: undefined };
    },
    metadata: () => undefined,
  };
}

async function start(runtime: string, container: JobContainer, metric: Metric, context: MeasurementContext): Promise<Measurement> {
  const startedAt = formatKubeTime(context.clock.now());
  const name = containerName(context, metric.name);
  const args = ['run', '--detach', '--name', name, '--label', `analysisrun.argoproj.io/uid=${context.runUid}`];
  for (const variable of container.env ?? []) args.push('--env', `${variable.name}=${variable.value ?? ''}`);
  if (container.workingDir) args.push('--workdir', container.workingDir);
  const [entrypoint, ...commandRest] = container.command ?? [];
  if (entrypoint) args.push('--entrypoint', entrypoint);
  args.push(container.image ?? '', ...commandRest, ...(container.args ?? []));
  try {
    await run(runtime, args, { timeout: COMMAND_TIMEOUT_MS });
  } catch (error) {
    return readyMeasurement(startedAt, context).error(`job ${name}: ${commandError(error)}`);
  }
  return {
    phase: 'Running',
    startedAt,
    metadata: { 'job-name': name, 'job-namespace': context.namespace },
    resumeAt: formatKubeTime(new Date(context.clock.now().getTime() + POLL_MS)),
  };
}

async function poll(runtime: string, measurement: Measurement, context: MeasurementContext): Promise<Measurement> {
  const name = measurement.metadata?.['job-name'] ?? '';
  const done = readyMeasurement(measurement.startedAt ?? formatKubeTime(context.clock.now()), context);
  let state: string;
  try {
    const { stdout } = await run(runtime, ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name], { timeout: COMMAND_TIMEOUT_MS });
    state = stdout.trim();
  } catch (error) {
    return { ...done.error(`job ${name}: ${commandError(error)}`), metadata: measurement.metadata };
  }
  const [status, exitCode] = state.split(' ');
  if (status !== 'exited') {
    return { ...measurement, resumeAt: formatKubeTime(new Date(context.clock.now().getTime() + POLL_MS)) };
  }
  await remove(runtime, name);
  const finished: Measurement = { ...measurement, phase: exitCode === '0' ? 'Successful' : 'Failed', finishedAt: formatKubeTime(context.clock.now()) };
  delete finished.resumeAt;
  return finished;
}

async function remove(runtime: string, name: string | undefined): Promise<void> {
  if (!name) return;
  await run(runtime, ['rm', '--force', name], { timeout: COMMAND_TIMEOUT_MS }).catch(() => undefined);
}

/** `<run uid>.<metric>.<n>` as Argo names Jobs, cut to 63 characters and to what container names allow. */
function containerName(context: MeasurementContext, metricName: string): string {
  const prefix = `${context.runUid || context.runName}.`;
  const suffix = `.${context.attempt}`;
  const room = Math.max(63 - prefix.length - suffix.length, 1);
  return `${prefix}${metricName.slice(0, room)}${suffix}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

function commandError(error: unknown): string {
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String((error as { stderr: unknown }).stderr).trim() : '';
  return stderr || (error instanceof Error ? error.message : String(error));
}
