// Job metrics run only where the user opted in: without `allowJobs` (or with
// no docker/podman) the measurement is an Error saying how to enable them.
// With consent, the provider's container lifecycle (run detached, poll with
// inspect, remove) is exercised against a stand-in `docker` executable that
// records its command lines, since CI machines need not have a daemon.

import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS_NOT_ENABLED, NO_CONTAINER_RUNTIME, reconcileAnalysisRun, standardProviders, type AnalysisDeps } from '../../src/analysis/index.js';
import type { AnalysisRun, Metric } from '../../src/model/analysis.js';
import { analysisRun, fixedClock, memorySecrets, NOW } from './support/fixtures.js';

const jobMetric: Metric = {
  name: 'smoke',
  provider: {
    job: {
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              { name: 'test', image: 'busybox:1.36', command: ['sh', '-c'], args: ['wget -qO- http://app/health'], env: [{ name: 'MODE', value: 'smoke' }] },
            ],
          },
        },
      },
    },
  },
};

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kargo-analysis-job-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A `docker` that logs its arguments and reports the container as running until `polls` inspections passed. */
async function standInDocker(exitCode: number, polls: number): Promise<string> {
  const path = join(dir, 'docker');
  await writeFile(
    path,
    `#!/bin/sh
echo "$*" >> "${dir}/calls"
case "$1" in
  run) echo 0123456789abcdef ;;
  inspect)
    n=$(cat "${dir}/polls" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${dir}/polls"
    if [ $n -gt ${polls} ]; then echo "exited ${exitCode}"; else echo "running 0"; fi ;;
  rm) ;;
esac
`,
  );
  await chmod(path, 0o755);
  return path;
}

async function calls(): Promise<string[]> {
  return (await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n');
}

function deps(options: Parameters<typeof standardProviders>[0], clock = fixedClock()): AnalysisDeps {
  return { clock, providers: standardProviders(options), secrets: memorySecrets({}) };
}

async function until(run: AnalysisRun, d: AnalysisDeps & { clock: ReturnType<typeof fixedClock> }, rounds = 10): Promise<AnalysisRun> {
  let current = run;
  for (let round = 0; round < rounds; round++) {
    const { status, requeueAt } = await reconcileAnalysisRun(current, d);
    if (status) current = { ...current, status };
    if (!requeueAt) break;
    d.clock.set(requeueAt);
  }
  return current;
}

describe('job metrics', () => {
  it('without consent: an Error that says how to enable jobs, and nothing runs', async () => {
    const docker = await standInDocker(0, 0);
    const { status } = await reconcileAnalysisRun(analysisRun([jobMetric]), deps({ containerRuntime: docker }));
    const measurement = status?.metricResults?.[0]?.measurements?.[0];
    expect(measurement).toMatchObject({ phase: 'Error', message: JOBS_NOT_ENABLED });
    expect(measurement?.message).toContain('kargo sandbox start --allow-jobs');
    await expect(readFile(join(dir, 'calls'), 'utf8')).rejects.toThrow();
  });

  it('with consent but neither docker nor podman on PATH: an Error saying so', async () => {
    const { status } = await reconcileAnalysisRun(analysisRun([jobMetric]), deps({ allowJobs: true, env: { PATH: dir } }));
    expect(status?.metricResults?.[0]?.measurements?.[0]).toMatchObject({ phase: 'Error', message: NO_CONTAINER_RUNTIME });
  });

  it.each([
    { exitCode: 0, phase: 'Successful' },
    { exitCode: 3, phase: 'Failed' },
  ])('with consent: the container runs, is polled while running, and exit $exitCode makes the run $phase', async ({ exitCode, phase }) => {
    const docker = await standInDocker(exitCode, 2);
    const d = { ...deps({ allowJobs: true, env: { PATH: dir } }), clock: fixedClock() };
    const first = await reconcileAnalysisRun(analysisRun([jobMetric]), d);
    expect(first.status?.metricResults?.[0]?.measurements?.[0]).toMatchObject({
      phase: 'Running',
      metadata: { 'job-name': 'run-uid.smoke.1', 'job-namespace': 'default' },
    });
    expect(first.requeueAt?.getTime()).toBeGreaterThan(NOW.getTime());
    const done = await until({ ...analysisRun([jobMetric]), status: first.status }, d);
    expect(done.status?.phase).toBe(phase);
    expect(await calls()).toEqual([
      `run --detach --name run-uid.smoke.1 --label analysisrun.argoproj.io/uid=run-uid --env MODE=smoke --entrypoint sh busybox:1.36 -c wget -qO- http://app/health`,
      'inspect --format {{.State.Status}} {{.State.ExitCode}} run-uid.smoke.1',
      'inspect --format {{.State.Status}} {{.State.ExitCode}} run-uid.smoke.1',
      'inspect --format {{.State.Status}} {{.State.ExitCode}} run-uid.smoke.1',
      'rm --force run-uid.smoke.1',
    ]);
    expect(docker).toContain(dir);
  });

  it('terminated while running: the container is removed and the metric ends "Metric Terminated"', async () => {
    const docker = await standInDocker(0, 100);
    const d = { ...deps({ allowJobs: true, containerRuntime: docker }), clock: fixedClock() };
    const first = await reconcileAnalysisRun(analysisRun([jobMetric]), d);
    const terminated: AnalysisRun = { ...analysisRun([jobMetric], first.status, { terminate: true }) };
    d.clock.set(first.requeueAt ?? NOW);
    const { status } = await reconcileAnalysisRun(terminated, d);
    expect(status).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
    expect(status?.metricResults?.[0]).toMatchObject({ phase: 'Successful', message: 'Metric Terminated' });
    expect((await calls()).at(-1)).toBe('rm --force run-uid.smoke.1');
  });
});

describe('other providers', () => {
  it('are an Error "provider not supported by this sandbox"', async () => {
    const { status } = await reconcileAnalysisRun(analysisRun([{ name: 'dd', provider: { datadog: { query: 'avg:x' } } }]), deps({}));
    expect(status?.metricResults?.[0]?.measurements?.[0]).toMatchObject({ phase: 'Error', message: 'datadog: provider not supported by this sandbox' });
  });
});
