// `kargo get` in-process against the embedded server loaded with the example
// pipeline: output formats, lookups, filters, project resolution, request counts
// and --watch.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight, KubeObject, Promotion } from '../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { applyExamples, PROJECT } from './support/examples.js';
import { rewriteKubeconfig } from './support/kubeconfigs.js';
import { captureStream, isolatedHome, parseTable, runKargo, type RunOptions } from './support/run-kargo.js';

const NOW = new Date('2026-11-23T12:00:00Z');
let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

function kargo(argv: string[], options: RunOptions = {}) {
  return runKargo(argv, { env, now: NOW, ...options });
}

function promotion(name: string, stage: string, freight: string): Promotion {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: { name, namespace: PROJECT },
    spec: { stage, freight, steps: [{ uses: 'git-clone', config: { repoURL: 'https://example.com/repo.git' } }] },
  };
}

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  await admin.create(resources.promotion, promotion('dev.01jd000000000000000000000a.91903dc', 'dev', '91903dc9c93ee4a1597f3ea2ae2c8a6b16d3ab66'), PROJECT);
  await admin.create(
    resources.promotion,
    promotion('prod-us.01jd000000000000000000000b.ddc02d9', 'prod-us', 'ddc02d90864678757506c645bbe071ab11c2f2bb'),
    PROJECT,
  );
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT };
});

afterAll(async () => {
  await cluster?.close();
});

describe('tables', () => {
  it('lists stages with freight aliases, health, verification and upstream', async () => {
    const result = await kargo(['get', 'stages']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [header, ...rows] = parseTable(result.stdout);
    expect(header).toEqual(['NAME', 'CURRENT FREIGHT', 'HEALTH', 'READY', 'VERIFICATION', 'LAST PROMOTION', 'UPSTREAM', 'AGE']);
    expect(rows.map((row) => row[0])).toEqual(['dev', 'prod-eu', 'prod-us', 'staging-eu', 'staging-us']);
    expect(rows[1]?.slice(0, 7)).toEqual(['prod-eu', 'steady-otter,tidy-fern', 'Progressing', 'True', 'Running', 'Succeeded', 'staging-us,staging-eu']);
  });

  it('accepts singular and short kind names and prints no colour when not a terminal', async () => {
    const plural = await kargo(['get', 'promotions']);
    expect((await kargo(['get', 'promo'])).stdout).toBe(plural.stdout);
    expect((await kargo(['get', 'promotion'])).stdout).toBe(plural.stdout);
    expect(plural.stdout).not.toContain('\u001b[');
    const forced = await kargo(['get', 'promotions', '--color', 'always']);
    expect(forced.stdout).toContain('\u001b[33mPending\u001b[39m');
  });

  it('filters promotions by stage and shows the freight alias', async () => {
    const result = await kargo(['get', 'promotions', '--stage', 'prod-us', '--no-headers']);
    const rows = parseTable(result.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 5)).toEqual(['prod-us.01jd000000000000000000000b.ddc02d9', 'prod-us', 'steady-otter', 'Pending', '0/1']);
  });

  it('explains availability for get freight --stage', async () => {
    const result = await kargo(['get', 'freight', '--stage', 'prod-us']);
    expect(result.code).toBe(0);
    const rows = parseTable(result.stdout);
    const quietLynx = rows.find((row) => row[1] === 'quiet-lynx');
    expect(quietLynx?.slice(3, 5)).toEqual(['no', 'not verified in staging-us, staging-eu (availabilityStrategy All)']);
    expect(rows.find((row) => row[1] === 'brave-heron')?.[3]).toBe('yes');
  });

  it('says so on stderr when nothing matches, with exit 0', async () => {
    const result = await kargo(['get', 'freight', '--warehouse', 'nope']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `No Freight found in project "${PROJECT}".\n` });
  });
});

describe('other kinds', () => {
  it('lists cluster-scoped kinds without a project and AnalysisRuns with their Stage', async () => {
    await admin.create(resources.clusterPromotionTask, {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'ClusterPromotionTask',
      metadata: { name: 'shared-deploy' },
      spec: { steps: [{ uses: 'git-clone' }, { uses: 'git-push' }] },
    });
    const { KARGO_PROJECT: _unused, ...noProject } = env;
    const tasks = await runKargo(['get', 'clusterpromotasks', '-o', 'wide'], { env: noProject, now: NOW });
    expect(tasks.code).toBe(0);
    expect(parseTable(tasks.stdout)[1]).toEqual(['shared-deploy', '2', expect.any(String), 'git-clone,git-push']);

    await admin.create(
      resources.analysisRun,
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisRun',
        metadata: { name: 'dev.01jd0000.1', namespace: PROJECT, labels: { 'kargo.akuity.io/stage': 'dev' }, annotations: { 'kargo.akuity.io/stage': 'dev' } },
        spec: { metrics: [{ name: 'smoke', provider: { job: { spec: { template: { spec: { containers: [], restartPolicy: 'Never' } } } } } }] },
      } as KubeObject,
      PROJECT,
    );
    // Argo Rollouts' AnalysisRun CRD has no status subresource: status is written with the object.
    await admin.patch(
      resources.analysisRun,
      'dev.01jd0000.1',
      { status: { phase: 'Successful', metricResults: [{ name: 'smoke', phase: 'Successful' }] } },
      PROJECT,
    );
    const runs = await kargo(['get', 'ar', '-o', 'wide', '--no-headers']);
    expect(parseTable(runs.stdout)).toEqual([['dev.01jd0000.1', 'dev', 'Successful', expect.any(String), 'smoke=Successful']]);
  });
});

describe('get pipeline', () => {
  it('is kargo status spelled the kubectl way', async () => {
    const viaGet = await kargo(['get', 'pipeline', '-o', 'json']);
    expect(viaGet.code).toBe(0);
    expect(viaGet.stdout).toBe((await kargo(['status', '-o', 'json'])).stdout);
    const withName = await kargo(['get', 'pipeline', 'dev']);
    expect(withName.code).toBe(2);
    expect(withName.stderr).toContain('kargo get pipeline takes no names');
  });
});

describe('structured output', () => {
  it('prints one named object as itself and parses back', async () => {
    const result = await kargo(['get', 'freight', 'brave-heron', '-o', 'json']);
    const object = JSON.parse(result.stdout) as Freight;
    expect(object.kind).toBe('Freight');
    expect(object.metadata.name).toBe('59ff495f5332c86b41ef35483da123fdc033fb84');
    expect(object.status?.currentlyIn).toHaveProperty('staging-us');
  });

  it('prints several objects (or a listing) as a List', async () => {
    const two = JSON.parse((await kargo(['get', 'stages', 'dev', 'prod-us', '-o', 'json'])).stdout) as { kind: string; items: KubeObject[] };
    expect(two.kind).toBe('List');
    expect(two.items.map((item) => item.metadata.name)).toEqual(['dev', 'prod-us']);
    const all = parse((await kargo(['get', 'warehouses', '-o', 'yaml'])).stdout) as { kind: string; items: KubeObject[] };
    expect(all.kind).toBe('List');
    expect(all.items.map((item) => [item.kind, item.metadata.name])).toEqual([
      ['Warehouse', 'app-images'],
      ['Warehouse', 'infra-config'],
    ]);
  });

  it('prints qualified names with -o name', async () => {
    const result = await kargo(['get', 'freight', '--image', 'ghcr.io/example-org/my-web-app', '-o', 'name']);
    expect(result.stdout).toBe(
      [
        'freight.kargo.akuity.io/ddc02d90864678757506c645bbe071ab11c2f2bb',
        'freight.kargo.akuity.io/59ff495f5332c86b41ef35483da123fdc033fb84',
        'freight.kargo.akuity.io/91903dc9c93ee4a1597f3ea2ae2c8a6b16d3ab66',
        '',
      ].join('\n'),
    );
    expect((await kargo(['get', 'projects', '-o', 'name'])).stdout).toBe('project.kargo.akuity.io/my-web-app\n');
  });
});

describe('freight lookups and filters', () => {
  it('resolves an image tag and a commit prefix to freight', async () => {
    const byImage = await kargo(['get', 'freight', '--image', 'ghcr.io/example-org/my-web-app:1.5.0', '-o', 'name']);
    expect(byImage.stdout).toBe('freight.kargo.akuity.io/59ff495f5332c86b41ef35483da123fdc033fb84\n');
    const byCommit = await kargo(['get', 'freight', '--commit', '4e1c9a7', '--no-headers']);
    expect(parseTable(byCommit.stdout).map((row) => row[1])).toEqual(['tidy-fern']);
    const byWarehouse = await kargo(['get', 'freight', '--warehouse', 'infra-config', '--no-headers']);
    expect(parseTable(byWarehouse.stdout).map((row) => row[1])).toEqual(['tidy-fern', 'bold-maple']);
  });

  it('finds freight by image digest, as promote --image does', async () => {
    const digest = 'sha256:1f4dc096d58f7d21e3875671aee6f29b120ab84218fa47db2cb53bc9eb5b4dac';
    const byDigest = await kargo(['get', 'freight', '--image', `ghcr.io/example-org/my-web-app@${digest}`, '-o', 'name']);
    expect(byDigest.code).toBe(0);
    expect(byDigest.stdout).toBe('freight.kargo.akuity.io/59ff495f5332c86b41ef35483da123fdc033fb84\n');
    const dryRun = await kargo(['promote', '--image', `ghcr.io/example-org/my-web-app@${digest}`, '--stage', 'dev', '--dry-run', '-o', 'json']);
    expect(dryRun.code).toBe(0);
    expect((JSON.parse(dryRun.stdout) as { spec: { freight: string } }).spec.freight).toBe('59ff495f5332c86b41ef35483da123fdc033fb84');
  });

  it('prints the found objects and fails with exit 3 naming the missing ones', async () => {
    const result = await kargo(['get', 'freight', 'bold-maple', 'no-such-alias', '--no-headers']);
    expect(result.code).toBe(3);
    expect(parseTable(result.stdout).map((row) => row[1])).toEqual(['bold-maple']);
    expect(result.stderr).toContain(`error: Freight "no-such-alias" not found in project "${PROJECT}"`);
  });

  it('selects by label', async () => {
    await admin.patch(resources.stage, 'dev', { metadata: { labels: { tier: 'pre-prod' } } }, PROJECT);
    const result = await kargo(['get', 'stages', '-l', 'tier=pre-prod', '-o', 'name']);
    expect(result.stdout).toBe('stage.kargo.akuity.io/dev\n');
  });

  it('rejects flags that do not apply to the kind, and unknown kinds, with exit 2', async () => {
    const wrongFlag = await kargo(['get', 'stages', '--image', 'x']);
    expect(wrongFlag.code).toBe(2);
    expect(wrongFlag.stderr).toContain('--image only applies to `kargo get freight`');
    const unknown = await kargo(['get', 'pods']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown kind "pods"');
  });
});

describe('request count', () => {
  it('does not grow with the number of objects', async () => {
    const count = async (argv: string[]): Promise<number> => {
      cluster.server.clearRequests();
      expect((await kargo(argv)).code).toBe(0);
      return cluster.server.requests.length;
    };
    const before = {
      stages: await count(['get', 'stages']),
      freight: await count(['get', 'freight']),
      available: await count(['get', 'freight', '--stage', 'prod-us']),
    };
    for (let index = 0; index < 40; index++) {
      await admin.create<Freight>(
        resources.freight,
        {
          apiVersion: 'kargo.akuity.io/v1alpha1',
          kind: 'Freight',
          metadata: { name: `bulk${String(index).padStart(36, '0')}`, namespace: PROJECT },
          origin: { kind: 'Warehouse', name: 'app-images' },
          images: [{ repoURL: 'ghcr.io/example-org/my-web-app', tag: `0.0.${index}` }],
        },
        PROJECT,
      );
    }
    const after = {
      stages: await count(['get', 'stages']),
      freight: await count(['get', 'freight']),
      available: await count(['get', 'freight', '--stage', 'prod-us']),
    };
    expect(after).toEqual(before);
    // get stages: the LIST, then a GET for each of the 5 Freight the Stages hold (their aliases).
    expect(before).toEqual({ stages: 6, freight: 1, available: 3 });
  });
});

describe('project selection', () => {
  it('prefers -p, then KARGO_PROJECT, then the config file, then the context namespace', async () => {
    const { KARGO_PROJECT: _unused, ...noProject } = env;
    const missing = await runKargo(['get', 'stages'], { env: noProject, now: NOW });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: no project selected');
    expect(missing.stderr).toContain('kargo config set-project NAME');

    const namespaced = rewriteKubeconfig(cluster.kubeconfigPath, 'namespaced', (config) => {
      config.contexts[0]!.context.namespace = PROJECT;
    });
    const fromContext = await runKargo(['get', 'stages', '-o', 'name'], { env: { ...noProject, KUBECONFIG: namespaced }, now: NOW });
    expect(fromContext.stdout).toContain('stage.kargo.akuity.io/dev');

    const set = await runKargo(['config', 'set-project', 'other'], { env: noProject });
    expect(set.code).toBe(0);
    const fromConfig = await runKargo(['get', 'stages'], { env: { ...noProject, KUBECONFIG: namespaced }, now: NOW });
    expect(fromConfig.code).toBe(3);
    expect(fromConfig.stderr).toContain('project "other" does not exist');

    const fromEnv = await runKargo(['get', 'stages', '-o', 'name'], { env: { ...noProject, KARGO_PROJECT: PROJECT }, now: NOW });
    expect(fromEnv.stdout).toContain('stage.kargo.akuity.io/dev');
    const fromFlag = await runKargo(['get', 'stages', '-p', 'nope'], { env: { ...noProject, KARGO_PROJECT: PROJECT }, now: NOW });
    expect(fromFlag.stderr).toContain('project "nope" does not exist');
  });
});

describe('--watch', () => {
  it('prints the listing, then one line per change, until interrupted', async () => {
    const controller = new AbortController();
    let output: { text: string } | undefined;
    const running = kargo(['get', 'promotions', '--stage', 'dev', '-w'], { signal: controller.signal, onStart: (stdout) => (output = stdout) });
    await until(() => (output?.text ?? '').includes('dev.01jd000000000000000000000a'));
    await admin.patch(resources.promotion, 'dev.01jd000000000000000000000a.91903dc', { status: { phase: 'Running', currentStep: 0 } }, PROJECT, {
      subresource: 'status',
    });
    await admin.create(
      resources.promotion,
      promotion('prod-eu.01jd000000000000000000000c.ddc02d9', 'prod-eu', 'ddc02d90864678757506c645bbe071ab11c2f2bb'),
      PROJECT,
    );
    await until(() => (output?.text ?? '').includes('Running'));
    controller.abort();
    const result = await running;
    expect(result.code).toBe(130);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +STAGE +FREIGHT +PHASE +STEP +AGE$/);
    expect(lines[1]).toMatch(/^dev\.01jd000000000000000000000a\.91903dc +dev +quiet-lynx +Pending +0\/1 /);
    expect(lines[2]).toMatch(/^dev\.01jd000000000000000000000a\.91903dc +dev +quiet-lynx +Running +1\/1 git-clone /);
    // The prod-eu Promotion is not of Stage dev.
    expect(lines).toHaveLength(3);
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
