// The real kubectl (v1.32, /usr/bin/kubectl) against the embedded server with
// default flags. These tests fail — never skip — when kubectl is missing.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SHARED_CRD_DIRS, startTestCluster, type TestCluster } from '../support/test-cluster.js';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let cluster: TestCluster;
let cacheDir: string;

function kubectl(args: string[], options: { kubeconfig?: string; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      args,
      {
        env: { ...process.env, KUBECONFIG: options.kubeconfig ?? cluster.kubeconfigPath, KUBECACHEDIR: cacheDir },
        timeout: 30_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

async function ok(args: string[], options: { kubeconfig?: string; input?: string } = {}): Promise<string> {
  const run = await kubectl(args, options);
  expect(run.code, `kubectl ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

const PROJECT = `
apiVersion: v1
kind: Namespace
metadata:
  name: demo
  labels:
    kargo.akuity.io/project: "true"
---
apiVersion: kargo.akuity.io/v1alpha1
kind: Project
metadata:
  name: demo
---
apiVersion: kargo.akuity.io/v1alpha1
kind: Warehouse
metadata:
  name: images
  namespace: demo
spec:
  subscriptions:
  - image:
      repoURL: ghcr.io/example/app
---
apiVersion: kargo.akuity.io/v1alpha1
kind: Stage
metadata:
  name: test
  namespace: demo
spec:
  requestedFreight:
  - origin:
      kind: Warehouse
      name: images
    sources:
      direct: true
  promotionTemplate:
    spec:
      steps:
      - uses: argocd-update
`;

beforeAll(async () => {
  expect(existsSync(KUBECTL), `kubectl is required at ${KUBECTL} (set KUBECTL to override)`).toBe(true);
  cluster = await startTestCluster({ crds: false });
  cacheDir = await mkdtemp(join(tmpdir(), 'kargo-kubectl-cache-'));
});

afterAll(async () => {
  await cluster?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('kubectl against the embedded server', () => {
  it('applies the shared CRDs and then lists their kinds in api-resources', async () => {
    for (const dir of SHARED_CRD_DIRS) {
      const out = await ok(['apply', '-f', dir]);
      expect(out).toMatch(/customresourcedefinition\.apiextensions\.k8s\.io\/\S+ (created|configured)/);
    }
    const resources = await ok(['api-resources']);
    expect(resources).toMatch(/^stages\s+kargo\.akuity\.io\/v1alpha1\s+true\s+Stage$/m);
    expect(resources).toMatch(/^promotions\s+promo,promos\s+kargo\.akuity\.io\/v1alpha1\s+true\s+Promotion$/m);
    expect(resources).toMatch(/^analysisruns\s+ar\s+argoproj\.io\/v1alpha1\s+true\s+AnalysisRun$/m);
  });

  it('applies Kargo objects, reapplies them unchanged, then applies a change', async () => {
    const created = await ok(['apply', '-f', '-'], { input: PROJECT });
    expect(created).toContain('namespace/demo created');
    expect(created).toContain('stage.kargo.akuity.io/test created');
    const again = await ok(['apply', '-f', '-'], { input: PROJECT });
    expect(again).toContain('stage.kargo.akuity.io/test unchanged');
    const changed = await ok(['apply', '-f', '-'], { input: PROJECT.replace('argocd-update', 'git-clone') });
    expect(changed).toContain('stage.kargo.akuity.io/test configured');
    const stage = JSON.parse(await ok(['get', 'stage', 'test', '-n', 'demo', '-o', 'json'])) as {
      metadata: { generation: number };
      spec: { promotionTemplate: { spec: { steps: { uses: string }[] } } };
    };
    expect(stage.metadata.generation).toBe(2);
    expect(stage.spec.promotionTemplate.spec.steps[0]?.uses).toBe('git-clone');
  });

  it('applies with --server-side', async () => {
    const warehouse =
      'apiVersion: kargo.akuity.io/v1alpha1\nkind: Warehouse\nmetadata:\n  name: images-ssa\n  namespace: demo\nspec:\n  subscriptions:\n  - image:\n      repoURL: ghcr.io/example/other\n';
    const out = await ok(['apply', '--server-side', '-f', '-'], { input: warehouse });
    expect(out).toContain('warehouse.kargo.akuity.io/images-ssa serverside-applied');
  });

  it('gets objects as a table, JSON and YAML', async () => {
    const table = await ok(['get', 'warehouses', '-n', 'demo']);
    expect(table.split('\n')[0]).toMatch(/^NAME\s/);
    expect(table).toMatch(/^images\s/m);
    const json = JSON.parse(await ok(['get', 'warehouse', 'images', '-n', 'demo', '-o', 'json'])) as { kind: string; spec: { interval: string } };
    expect(json.kind).toBe('Warehouse');
    expect(json.spec.interval).toBe('5m0s');
    const yaml = parseYaml(await ok(['get', 'warehouses', '-n', 'demo', '-o', 'yaml'])) as { kind: string; items: { metadata: { name: string } }[] };
    expect(yaml.kind).toBe('List');
    expect(yaml.items.map((item) => item.metadata.name)).toContain('images');
    const name = await ok(['get', 'stages', '-A', '-o', 'name']);
    expect(name.trim()).toBe('stage.kargo.akuity.io/test');
  });

  it('patches with --type=merge, including --subresource=status', async () => {
    const spec = await ok(['patch', 'warehouse', 'images', '-n', 'demo', '--type=merge', '-p', '{"spec":{"interval":"10m0s"}}']);
    expect(spec).toContain('warehouse.kargo.akuity.io/images patched');
    const status = await ok(['patch', 'stage', 'test', '-n', 'demo', '--type=merge', '--subresource=status', '-p', '{"status":{"observedGeneration":2}}']);
    expect(status).toContain('stage.kargo.akuity.io/test patched');
    const stage = JSON.parse(await ok(['get', 'stage', 'test', '-n', 'demo', '-o', 'json'])) as {
      metadata: { generation: number };
      status: { observedGeneration: number };
    };
    expect(stage.status.observedGeneration).toBe(2);
    expect(stage.metadata.generation).toBe(2);
    const rejected = await kubectl(['patch', 'warehouse', 'images', '-n', 'demo', '--type=merge', '-p', '{"spec":{"freightCreationPolicy":"Sometimes"}}']);
    expect(rejected.code).not.toBe(0);
    expect(rejected.stderr).toContain('Unsupported value: "Sometimes"');
  });

  it('watches with get -w', async () => {
    const watcher = spawn(KUBECTL, ['get', 'freights', '-n', 'demo', '-w', '-o', 'name'], {
      env: { ...process.env, KUBECONFIG: cluster.kubeconfigPath, KUBECACHEDIR: cacheDir },
    });
    let output = '';
    watcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await ok(['apply', '-f', '-'], {
        input:
          'apiVersion: kargo.akuity.io/v1alpha1\nkind: Freight\nmetadata:\n  name: abc123\n  namespace: demo\norigin:\n  kind: Warehouse\n  name: images\nimages:\n- repoURL: ghcr.io/example/app\n  tag: v1\n',
      });
      const deadline = Date.now() + 10_000;
      while (!output.includes('freight.kargo.akuity.io/abc123') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(output).toContain('freight.kargo.akuity.io/abc123');
    } finally {
      watcher.kill();
    }
  });

  it('answers auth can-i for the admin and for a restricted user', async () => {
    expect((await ok(['auth', 'can-i', 'create', 'promotions', '-n', 'demo'])).trim()).toBe('yes');
    await ok(['apply', '-f', '-'], {
      input: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: promoter, namespace: demo}
rules:
- apiGroups: [kargo.akuity.io]
  resources: [stages]
  verbs: [get, list, promote]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: promoter, namespace: demo}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: promoter}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
`,
    });
    const alice = await cluster.kubeconfigFor('alice');
    expect((await ok(['auth', 'can-i', 'promote', 'stages', '-n', 'demo'], { kubeconfig: alice })).trim()).toBe('yes');
    const denied = await kubectl(['auth', 'can-i', 'delete', 'stages', '-n', 'demo'], { kubeconfig: alice });
    expect(denied.code).toBe(1);
    expect(denied.stdout.trim()).toBe('no');
    const impersonated = await kubectl(['auth', 'can-i', 'delete', 'stages', '-n', 'demo', '--as', 'alice']);
    expect(impersonated.stdout.trim()).toBe('no');
    expect((await ok(['auth', 'can-i', 'promote', 'stages', '-n', 'demo', '--as', 'alice'])).trim()).toBe('yes');
    const whoami = await ok(['auth', 'whoami', '-o', 'json'], { kubeconfig: alice });
    expect(JSON.parse(whoami)).toMatchObject({ status: { userInfo: { username: 'alice' } } });
    const forbidden = await kubectl(['delete', 'stage', 'test', '-n', 'demo'], { kubeconfig: alice });
    expect(forbidden.code).not.toBe(0);
    expect(forbidden.stderr).toContain(
      'stages.kargo.akuity.io "test" is forbidden: User "alice" cannot delete resource "stages" in API group "kargo.akuity.io" in the namespace "demo"',
    );
  });

  it('creates namespaces and config maps with kubectl create', async () => {
    expect(await ok(['create', 'namespace', 'scratch'])).toContain('namespace/scratch created');
    expect(await ok(['create', 'configmap', 'settings', '-n', 'scratch', '--from-literal=mode=fast'])).toContain('configmap/settings created');
    expect((await ok(['get', 'configmap', 'settings', '-n', 'scratch', '-o', 'jsonpath={.data.mode}'])).trim()).toBe('fast');
  });

  it('explains a kind from the served OpenAPI', async () => {
    const out = await ok(['explain', 'stages.spec.requestedFreight']);
    expect(out).toContain('KIND:       Stage');
    expect(out).toMatch(/origin\s+<Object> -required-/);
  });

  it('deletes objects', async () => {
    expect(await ok(['delete', 'warehouse', 'images', '-n', 'demo'])).toContain('warehouse.kargo.akuity.io "images" deleted');
    const missing = await kubectl(['get', 'warehouse', 'images', '-n', 'demo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error from server (NotFound): warehouses.kargo.akuity.io "images" not found');
  });
});
