// Promotion engine benchmark: a 6-step promotion (git-clone → kustomize-set-image
// → copy → yaml-update → git-commit → git-push) on a repository of 1000 files,
// run RUNS times by the engine's runner against a local bare repository and the
// embedded API server. Prints the median and spread of a whole promotion, the
// time to load its inputs from the cluster, and each step's median.
//
//   npx tsx bench/engine-bench.ts [files] [runs]

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BUILTIN_STEPS } from '../src/engine/builtin-steps.js';
import { loadPromotionInputs } from '../src/engine/promotion-inputs.js';
import { StepRegistry, type RegisteredStep } from '../src/engine/registry.js';
import { runPromotion } from '../src/engine/runner.js';
import { createKubeClient } from '../src/kube/http-client.js';
import { resources } from '../src/kube/resources.js';
import type { Promotion } from '../src/model/kargo.js';
import { systemClock } from '../src/runtime/clock.js';
import { startTestCluster } from '../test/support/test-cluster.js';

const FILES = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 7);
const PROJECT = 'bench';
const IMAGE = 'ghcr.io/example/app';

function git(cwd: string, args: string[]): string {
  const env = { PATH: process.env.PATH, HOME: cwd, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

function seedRepository(root: string): string {
  const bare = join(root, 'remote.git');
  git(root, ['init', '-q', '--bare', '--initial-branch=main', bare]);
  const seed = join(root, 'seed');
  mkdirSync(seed);
  git(seed, ['init', '-q', '--initial-branch=main']);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(seed, file)), { recursive: true });
    writeFileSync(join(seed, file), text);
  };
  write('env/prod/kustomization.yaml', 'resources:\n  - ../../manifests\n');
  write('env/prod/values.yaml', 'image:\n  repository: ghcr.io/example/app\n  tag: 1.0.0 # set by Kargo\nreplicas: 3\n');
  for (let i = 0; i < FILES - 2; i++) {
    write(`manifests/service-${String(i).padStart(4, '0')}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  index: "${i}"\n`);
  }
  git(seed, ['add', '.']);
  git(seed, ['commit', '-q', '-m', 'seed']);
  git(seed, ['push', '-q', bare, 'HEAD:refs/heads/main']);
  return pathToFileURL(bare).href;
}

function promotion(repoURL: string, run: number): Promotion {
  return {
    metadata: { name: `prod.01jbench00000000000000000${run}.f1`, namespace: PROJECT, annotations: { 'kargo.akuity.io/create-actor': 'kubernetes:bench' } },
    spec: {
      stage: 'prod',
      freight: 'f1',
      vars: [{ name: 'repo', value: repoURL }],
      steps: [
        { uses: 'git-clone', config: { repoURL: '${{ vars.repo }}', checkout: [{ branch: 'main', path: './repo' }] } },
        { uses: 'kustomize-set-image', as: 'image', config: { path: './repo/env/prod', images: [{ image: IMAGE, tag: `\${{ imageFrom('${IMAGE}').Tag }}` }] } },
        { uses: 'copy', config: { inPath: './repo/manifests', outPath: './repo/rendered/prod' } },
        {
          uses: 'yaml-update',
          as: 'values',
          config: { path: './repo/env/prod/values.yaml', updates: [{ key: 'image.tag', value: `\${{ imageFrom('${IMAGE}').Tag }}` }] },
        },
        { uses: 'git-commit', as: 'commit', config: { path: './repo', message: '${{ outputs.image.commitMessage }}' } },
        { uses: 'git-push', config: { path: './repo', targetBranch: `bench/run-${run}` } },
      ],
    },
  };
}

/** The built-in steps, each timed. */
function timedRegistry(timings: Map<string, number[]>): StepRegistry {
  const timed = BUILTIN_STEPS.map(
    (step): RegisteredStep => ({
      ...step,
      async run(context, config) {
        const start = performance.now();
        try {
          return await step.run(context, config);
        } finally {
          const list = timings.get(step.kind) ?? [];
          list.push(performance.now() - start);
          timings.set(step.kind, list);
        }
      },
    }),
  );
  return new StepRegistry(timed);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number): string => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'engine-bench-'));
  const cluster = await startTestCluster();
  try {
    const repoURL = seedRepository(root);
    const client = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: { HOME: root }, stderr: process.stderr });
    await client.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT } });
    await client.create(
      resources.warehouse,
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Warehouse', metadata: { name: 'apps' }, spec: { subscriptions: [{ image: { repoURL: IMAGE } }] } },
      PROJECT,
    );
    await client.create(
      resources.stage,
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Stage',
        metadata: { name: 'prod' },
        spec: {
          requestedFreight: [{ origin: { kind: 'Warehouse', name: 'apps' }, sources: { direct: true } }],
          promotionTemplate: { spec: { steps: [{ uses: 'fail' }] } },
        },
      },
      PROJECT,
    );
    await client.create(
      resources.freight,
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Freight',
        metadata: { name: 'f1' },
        origin: { kind: 'Warehouse', name: 'apps' },
        images: [{ repoURL: IMAGE, tag: '2.0.0' }],
      },
      PROJECT,
    );

    const timings = new Map<string, number[]>();
    const registry = timedRegistry(timings);
    const totals: number[] = [];
    const loads: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const workDir = mkdtempSync(join(root, 'work-'));
      const promo = promotion(repoURL, run);
      const loadStart = performance.now();
      const inputs = await loadPromotionInputs(client, promo);
      const start = performance.now();
      const { status } = await runPromotion({
        promotion: promo,
        ...inputs,
        client,
        clock: systemClock,
        workDir,
        signal: new AbortController().signal,
        registry,
      });
      const elapsed = performance.now() - start;
      if (status.phase !== 'Succeeded') throw new Error(`run ${run} ended ${status.phase}: ${status.message}`);
      rmSync(workDir, { recursive: true, force: true });
      if (run === 0) {
        timings.clear(); // the first run warms up caches and JIT; not counted
        continue;
      }
      totals.push(elapsed);
      loads.push(start - loadStart);
    }

    const sorted = [...totals].sort((a, b) => a - b);
    console.log(`engine benchmark: 6-step promotion, repository of ${FILES} files, ${RUNS} runs (after one warm-up), node ${process.version}`);
    console.log(`  promotion (runner, all steps)  median ${ms(median(totals))}   min ${ms(sorted[0] ?? NaN)}   max ${ms(sorted.at(-1) ?? NaN)}`);
    console.log(`  inputs from the cluster        median ${ms(median(loads))}   (Stage, Freight, Warehouses, ConfigMaps, Secrets)`);
    console.log('  per step (median):');
    for (const [kind, values] of timings) console.log(`    ${kind.padEnd(22)} ${ms(median(values))}`);
  } finally {
    await cluster.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
