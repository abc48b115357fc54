// Start-up benchmark: `kargo --help` and `kargo version --client` against
// `node -e 0`, and `kargo get stages -o json` against `kubectl get stages -o json`,
// both against the same embedded API server, side by side in one run. BENCH_RUNS
// pairs (default 15, interleaved so drift hits both sides alike); medians of wall
// time, CPU and of the pair-by-pair ratios. CPU and peak RSS come from
// `/usr/bin/time -v`, or, without it, peak RSS from Node's own resource usage
// (Node processes only). The unmeasured warm-up run of each command also fills
// kargo's code cache (src/runtime/compile-cache.ts), so the figures are those of
// every run but the first after a build; NODE_DISABLE_COMPILE_CACHE=1 measures
// without it.
//
//   npm run build && npx tsx bench/cli-bench.ts

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTestCluster } from '../test/support/test-cluster.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const kargoBin = join(repo, 'bin', 'kargo.js');
const kubectl = '/usr/bin/kubectl';
const gnuTime = '/usr/bin/time';
const runs = Number(process.env.BENCH_RUNS ?? 15);
const project = 'my-web-app';

interface Command {
  label: string;
  file: string;
  args: string[];
  /** Says what is wrong with the warm-up run's stdout, so a broken command is not timed as a fast one. */
  check?: (stdout: string) => string | undefined;
}

interface Sample {
  ms: number;
  /** User + system CPU (GNU time only). */
  cpuMs?: number;
  rssKb?: number;
  stdout: string;
}

function listsStages(stdout: string): string | undefined {
  try {
    const parsed = JSON.parse(stdout) as { items?: unknown[]; kind?: string };
    return parsed.items?.length === 5 ? undefined : `expected a List of 5 Stages, got ${parsed.kind ?? 'no kind'} with ${parsed.items?.length ?? 0} items`;
  } catch {
    return `stdout is not JSON: ${stdout.slice(0, 80)}`;
  }
}

function showsUsage(stdout: string): string | undefined {
  return /usage/i.test(stdout) ? undefined : `no usage text in: ${stdout.slice(0, 80)}`;
}

interface Comparison {
  subject: Command;
  baseline: Command;
}

async function main(): Promise<number> {
  if (!existsSync(join(repo, 'dist', 'kargo.js'))) {
    process.stderr.write('cli-bench: dist/kargo.js is missing; run `npm run build` first.\n');
    return 2;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'kargo-bench-'));
  const cluster = await startTestCluster();
  try {
    const env = { ...process.env, KUBECONFIG: cluster.kubeconfigPath, XDG_CONFIG_HOME: scratch, XDG_STATE_HOME: scratch, NO_COLOR: '1' };
    const rssProbe = await writeRssProbe(scratch);
    await seed(env);

    const comparisons: Comparison[] = [
      {
        subject: { label: 'kargo --help', file: process.execPath, args: [kargoBin, '--help'], check: showsUsage },
        baseline: { label: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
      },
      {
        subject: {
          label: 'kargo version --client',
          file: process.execPath,
          args: [kargoBin, 'version', '--client'],
          check: (out) => (out.startsWith('Client Version') ? undefined : out.slice(0, 80)),
        },
        baseline: { label: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
      },
      {
        subject: {
          label: 'kargo get stages -o json',
          file: process.execPath,
          args: [kargoBin, 'get', 'stages', '-p', project, '-o', 'json'],
          check: listsStages,
        },
        baseline: { label: 'kubectl get stages -o json', file: kubectl, args: ['get', 'stages', '-n', project, '-o', 'json'], check: listsStages },
      },
    ];

    const useGnuTime = existsSync(gnuTime);
    const lines = [
      `kargo start-up benchmark · ${runs} runs each, median wall time · peak RSS via ${useGnuTime ? '/usr/bin/time -v' : "Node's resource usage"}`,
      `node ${process.version} · ${process.platform}/${process.arch} · embedded API server at ${cluster.server.url}`,
      '',
      row('command', 'wall', 'cpu', 'peak RSS', 'runs ok'),
    ];
    for (const { subject, baseline } of comparisons) {
      const results = new Map<Command, Sample[]>([
        [subject, []],
        [baseline, []],
      ]);
      for (const command of [subject, baseline]) {
        const warmUp = await measure(command, env, useGnuTime, rssProbe);
        const problem = command.check?.(warmUp.stdout);
        if (problem) throw new Error(`${command.label}: ${problem}`);
      }
      for (let run = 0; run < runs; run++) {
        for (const command of [subject, baseline]) results.get(command)?.push(await measure(command, env, useGnuTime, rssProbe));
      }
      const samplesA = results.get(subject) ?? [];
      const samplesB = results.get(baseline) ?? [];
      const a = summarize(samplesA);
      const b = summarize(samplesB);
      lines.push(row(subject.label, `${a.ms.toFixed(0)} ms`, ms(a.cpuMs), mb(a.rssKb), `${a.count}/${runs}`));
      lines.push(row(baseline.label, `${b.ms.toFixed(0)} ms`, ms(b.cpuMs), mb(b.rssKb), `${b.count}/${runs}`));
      const paired = (pick: (sample: Sample) => number | undefined): string => {
        const ratios = samplesA.flatMap((sample, index) => {
          const x = pick(sample);
          const y = samplesB[index] ? pick(samplesB[index]) : undefined;
          return x !== undefined && y ? [x / y] : [];
        });
        return ratios.length > 0 ? `${median(ratios).toFixed(2)}x` : 'n/a';
      };
      lines.push(
        row(
          '  ratio (paired)',
          paired((sample) => sample.ms),
          paired((sample) => sample.cpuMs),
          paired((sample) => sample.rssKb),
          '',
        ),
      );
      lines.push('');
    }
    process.stdout.write(lines.join('\n'));
    return 0;
  } finally {
    await cluster.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

function row(label: string, time: string, cpu: string, rss: string, ok: string): string {
  return `${label.padEnd(30)}${time.padStart(10)}${cpu.padStart(10)}${rss.padStart(12)}${ok.padStart(10)}`;
}

function ms(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(0)} ms`;
}

function mb(kb: number | undefined): string {
  return kb ? `${(kb / 1024).toFixed(0)} MB` : 'n/a';
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function summarize(samples: Sample[]): { ms: number; cpuMs?: number; rssKb?: number; count: number } {
  const rss = samples.flatMap((sample) => (sample.rssKb ? [sample.rssKb] : []));
  const cpu = samples.flatMap((sample) => (sample.cpuMs !== undefined ? [sample.cpuMs] : []));
  const summary: { ms: number; cpuMs?: number; rssKb?: number; count: number } = { ms: median(samples.map((sample) => sample.ms)), count: samples.length };
  if (rss.length) summary.rssKb = median(rss);
  if (cpu.length) summary.cpuMs = median(cpu);
  return summary;
}

/** Without GNU time, a preloaded module reports a Node child's own peak RSS on exit. */
async function writeRssProbe(dir: string): Promise<string> {
  const path = join(dir, 'rss-probe.mjs');
  await writeFile(path, "process.on('exit', () => process.stderr.write(`\\nbench-max-rss-kb: ${process.resourceUsage().maxRSS}\\n`));\n");
  return pathToFileURL(path).href;
}

/** Runs one command (asynchronously: the API server lives in this process) and fails on a non-zero exit. */
function measure(command: Command, env: NodeJS.ProcessEnv, useGnuTime: boolean, rssProbe: string): Promise<Sample> {
  const file = useGnuTime ? gnuTime : command.file;
  const args = useGnuTime ? ['-v', command.file, ...command.args] : command.args;
  const childEnv = useGnuTime || command.file !== process.execPath ? env : { ...env, NODE_OPTIONS: `--import=${rssProbe}` };
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${command.label} exited with ${code}:\n${stderr.trim()}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)|bench-max-rss-kb: (\d+)/.exec(stderr);
      const sample: Sample = { ms, stdout };
      const kb = rss ? Number(rss[1] ?? rss[2]) : undefined;
      if (kb) sample.rssKb = kb;
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      if (user && system) sample.cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
      resolve(sample);
    });
  });
}

/** The example project's namespace, Project and Stages: what `get stages` lists. */
async function seed(env: NodeJS.ProcessEnv): Promise<void> {
  const files = ['00-project.yaml', '40-stages.yaml'].flatMap((file) => ['-f', join(repo, 'examples', file)]);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(kubectl, ['apply', ...files], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`seeding the examples failed:\n${stderr}`))));
  });
}

process.exitCode = await main();
