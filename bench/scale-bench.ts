// Scale benchmark: N Freight × 200 Stages in an embedded API server, each kargo
// command beside the kubectl command that fetches the same data, in paired runs
// (kargo, kubectl, kargo, kubectl, … so the machine's drift hits both alike).
// Prints medians of wall time, CPU (user + system) and peak RSS, the medians of the
// pairwise ratios, and the requests and objects each command costs the server.
//
//   npm run build && npx tsx bench/scale-bench.ts
//   BENCH_SIZES=1000,10000 BENCH_RUNS=5 BENCH_STAGES=200 npx tsx bench/scale-bench.ts
//   BENCH_SIZES=50000 BENCH_RUNS=1 BENCH_WARMUP=0 npx tsx bench/scale-bench.ts   (each output checked on its first run)

import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type EmbeddedServer } from '../src/server/index.js';
import { SHARED_CRD_DIRS } from '../test/support/test-cluster.js';
import { comparisons, type Comparison, type Tools } from './scale/comparisons.js';
import { preloadState } from './scale/preload.js';
import { hasGnuTime, measure, median, type Command, type Sample } from './support/measure.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const stages = Number(process.env.BENCH_STAGES ?? 200);
/** Unmeasured pairs before the measured ones (the first one's output is checked); 0 checks the first measured pair. */
const warmups = Number(process.env.BENCH_WARMUP ?? 1);
let tools: Tools = { kargo: '', kubectl: '' };

interface Cost {
  requests: number;
  objects: number;
}

async function main(): Promise<number> {
  if (!existsSync(join(repo, 'dist', 'kargo.js'))) {
    process.stderr.write('scale-bench: dist/kargo.js is missing; run `npm run build` first.\n');
    return 2;
  }
  // A copy of the built CLI, so a rebuild of dist/ during the run changes nothing here.
  const build = await mkdtemp(join(tmpdir(), 'kargo-scale-cli-'));
  await cp(join(repo, 'bin'), join(build, 'bin'), { recursive: true });
  await cp(join(repo, 'dist'), join(build, 'dist'), { recursive: true });
  tools = { kargo: join(build, 'bin', 'kargo.js'), kubectl: process.env.KUBECTL ?? '/usr/bin/kubectl' };
  print(
    `kargo scale benchmark · node ${process.version} · ${runs} paired runs per comparison, medians · CPU and peak RSS ${hasGnuTime ? 'via GNU time' : 'unavailable (no /usr/bin/time)'}`,
  );
  try {
    for (const freight of sizes) await benchSize({ freight, stages });
  } finally {
    await rm(build, { recursive: true, force: true });
  }
  return 0;
}

async function benchSize(shape: { freight: number; stages: number }): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'kargo-scale-'));
  let server: EmbeddedServer | undefined;
  try {
    const stateDir = join(scratch, 'state');
    let began = performance.now();
    await preloadState(stateDir, shape, tools.kubectl);
    const preloadMs = performance.now() - began;
    began = performance.now();
    server = await startServer({ stateDir, crdDirs: SHARED_CRD_DIRS, requestLogLimit: 10_000, log: () => undefined });
    const startMs = performance.now() - began;
    const kubeconfig = join(scratch, 'kubeconfig');
    await writeFile(kubeconfig, server.kubeconfig(), { mode: 0o600 });
    const env = { ...process.env, KUBECONFIG: kubeconfig, XDG_CONFIG_HOME: scratch, XDG_STATE_HOME: scratch, NO_COLOR: '1' };
    print('');
    print(
      `== ${shape.freight} Freight × ${shape.stages} Stages · written in ${seconds(preloadMs)}, server loaded them in ${seconds(startMs)} · load average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
    );
    print(row(['command', 'wall', 'cpu', 'peak RSS', 'requests', 'objects']));
    // kubectl's discovery cache, filled once per server, so no measured run pays for it.
    await measure({ label: 'kubectl api-resources', file: tools.kubectl, args: ['api-resources', '-o', 'name'] }, env);
    for (const comparison of comparisons(shape, tools)) await compare(comparison, server, env);
  } finally {
    await server?.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function compare({ subject, baseline }: Comparison, server: EmbeddedServer, env: NodeJS.ProcessEnv): Promise<void> {
  for (let warmup = 0; warmup < warmups; warmup++) for (const command of [subject, baseline]) await measure(command, env, warmup === 0);
  // Counted on the first timed run.
  const costs = new Map<Command, Cost>();
  const samples = new Map<Command, Sample[]>([
    [subject, []],
    [baseline, []],
  ]);
  for (let run = 0; run < runs; run++) {
    for (const command of [subject, baseline]) {
      server.clearRequests();
      samples.get(command)?.push(await measure(command, env, warmups === 0 && run === 0));
      if (run === 0) costs.set(command, { requests: server.requests.length, objects: server.requests.reduce((sum, record) => sum + record.objects, 0) });
    }
  }
  const a = samples.get(subject) ?? [];
  const b = samples.get(baseline) ?? [];
  for (const [command, taken] of [
    [subject, a],
    [baseline, b],
  ] as const) {
    const cost = costs.get(command);
    print(
      row([
        command.label,
        ms(median(taken.map((sample) => sample.wallMs))),
        ms(cpuOf(taken)),
        mb(rssOf(taken)),
        String(cost?.requests ?? ''),
        String(cost?.objects ?? ''),
      ]),
    );
  }
  const ratio = (pick: (sample: Sample) => number | undefined) => {
    const ratios = a.flatMap((sample, index) => {
      const x = pick(sample);
      const y = b[index] ? pick(b[index]) : undefined;
      return x !== undefined && y ? [x / y] : [];
    });
    return ratios.length > 0 ? `${median(ratios).toFixed(2)}×` : 'n/a';
  };
  const load = `  (load ${loadavg()[0]?.toFixed(1)})`;
  print(row(['  ratio (paired)', ratio((sample) => sample.wallMs), ratio((sample) => sample.cpuMs), ratio((sample) => sample.rssKb), '', '']) + load);
}

function cpuOf(samples: Sample[]): number | undefined {
  const values = samples.flatMap((sample) => (sample.cpuMs === undefined ? [] : [sample.cpuMs]));
  return values.length > 0 ? median(values) : undefined;
}

function rssOf(samples: Sample[]): number | undefined {
  const values = samples.flatMap((sample) => (sample.rssKb === undefined ? [] : [sample.rssKb]));
  return values.length > 0 ? median(values) : undefined;
}

function row(cells: string[]): string {
  const [label = '', ...figures] = cells;
  return `${label.padEnd(58)}${figures.map((figure, index) => figure.padStart(index < 3 ? 10 : 9)).join('')}`;
}

function ms(value: number | undefined): string {
  if (value === undefined) return 'n/a';
  return value >= 10_000 ? seconds(value) : `${value.toFixed(0)} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

function mb(kb: number | undefined): string {
  return kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

process.exitCode = await main();
