// `kargo apply|create|delete -f` and the named creates and deletes, in-process
// against the embedded server with Kargo's CRDs: what they print, what they
// write (from the server's request log), and that bad input writes nothing.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { resources } from '../../src/kube/resources.js';
import type { KubeObject, Stage } from '../../src/model/kargo.js';
import { WRITE_VERBS } from '../../src/server/index.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { EXAMPLES_DIR, PROJECT, readExampleStatuses, typeOf } from './support/examples.js';
import { captureStream, isolatedHome, runKargo, type RunOptions } from './support/run-kargo.js';

let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;
let dir: string;

function kargo(argv: string[], options: RunOptions = {}) {
  return runKargo(argv, { env, ...options });
}

/** Writes (not dry runs) the server saw since the last clearRequests(). */
function writes(): string[] {
  return cluster.server.requests
    .filter((record) => WRITE_VERBS.has(record.verb) && !record.query.includes('dryRun'))
    .map((record) => `${record.verb} ${record.resource} ${record.name}`.trim());
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const warehouse = (project: string, name: string, extra = '') => `apiVersion: kargo.akuity.io/v1alpha1
kind: Warehouse
metadata:
  name: ${name}
  namespace: ${project}
spec:
  subscriptions:
    - image:
        repoURL: ghcr.io/example/${name}${extra}
`;

const namespace = (name: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    kargo.akuity.io/project: "true"
`;

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
  dir = mkdtempSync(join(tmpdir(), 'kargo-manifests-'));
});

afterAll(async () => {
  await cluster?.close();
});

describe('apply -f', () => {
  it('creates the examples directory (Namespace and Project first), then configures it on a second run', async () => {
    const first = await kargo(['apply', '-f', EXAMPLES_DIR]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'namespace/my-web-app created',
      'project.kargo.akuity.io/my-web-app created',
      'projectconfig.kargo.akuity.io/my-web-app created',
    ]);
    expect(lines).toContain('stage.kargo.akuity.io/prod-eu created');
    expect(lines).toContain('analysistemplate.argoproj.io/smoke-test created');
    expect(lines.every((line) => line.endsWith(' created'))).toBe(true);
    // The status/ subdirectory holds no objects to apply: without -R it is not read.
    expect(lines.filter((line) => line.startsWith('freight.')).length).toBe(5);

    const project = await admin.get(resources.project, PROJECT);
    expect(project.metadata.annotations?.['kargo.akuity.io/create-actor']).toBe('kubernetes:admin');

    const second = await kargo(['apply', '-f', EXAMPLES_DIR]);
    expect(second.code).toBe(0);
    expect(second.stdout.trimEnd().split('\n')).toEqual(lines.map((line) => line.replace(/ created$/, ' configured')));
  });

  it('replaces an existing object with the manifest (an update, not a merge) and prints -o name', async () => {
    await kargo(['create', 'project', 'replace-me']);
    await kargo(['apply', '-f', file('replace/a.yaml', warehouse('replace-me', 'images', '\n      interval: 5m'))]);
    const result = await kargo(['apply', '-o', 'name', '-f', file('replace/b.yaml', `${warehouse('replace-me', 'images')}  interval: 10m\n`)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('warehouse.kargo.akuity.io/images\n');
    const stored = await admin.get<KubeObject & { spec: { interval?: string; subscriptions: unknown[] } }>(resources.warehouse, 'images', 'replace-me');
    expect(stored.spec.interval).toBe('10m');
  });

  it('reads stdin, JSON and kind: List, and prints each object with -o yaml', async () => {
    await kargo(['create', 'project', 'from-stdin']);
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [parse(warehouse('from-stdin', 'one')), parse(warehouse('from-stdin', 'two'))],
    };
    const result = await kargo(['apply', '-f', '-', '-o', 'yaml'], { stdin: JSON.stringify(list) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const documents = parseAllDocuments(result.stdout).map((document) => document.toJS() as KubeObject);
    expect(documents.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(['Warehouse/one', 'Warehouse/two']);
    expect(documents[0]?.metadata.uid).toBeTruthy();
  });

  it('reads subdirectories with -R only, and a namespaced object takes -p when it names no namespace', async () => {
    await kargo(['create', 'project', 'tree']);
    const root = join(dir, 'tree');
    file('tree/top.yaml', warehouse('tree', 'top'));
    file('tree/nested/deep.yml', warehouse('tree', 'deep'));
    file('tree/nested/notes.txt', 'not a manifest');
    const flat = await kargo(['apply', '-f', root]);
    expect(flat.stdout).toBe('warehouse.kargo.akuity.io/top configured\n'.replace('configured', 'created'));
    const recursive = await kargo(['apply', '-R', '-f', root]);
    expect(recursive.stdout).toBe('warehouse.kargo.akuity.io/deep created\nwarehouse.kargo.akuity.io/top configured\n');

    const bare = file('tree-bare.yaml', warehouse('tree', 'bare').replace('  namespace: tree\n', ''));
    const refused = await kargo(['apply', '-f', bare]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Warehouse "bare" has no metadata.namespace');
    const placed = await kargo(['apply', '-f', bare, '-p', 'tree']);
    expect(placed.stdout).toBe('warehouse.kargo.akuity.io/bare created\n');
  });

  it('writes nothing when one document is bad: syntax, unknown kind, missing name, or refused by the schema', async () => {
    await kargo(['create', 'project', 'strict']);
    const cases: [string, string, number, string][] = [
      ['syntax', `${warehouse('strict', 'ok')}---\nkind: [unclosed\n`, 2, 'not valid YAML or JSON'],
      [
        'unknown kind',
        `${warehouse('strict', 'ok')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: strict\n`,
        2,
        'kind Deployment (apps/v1) is not one kargo manages',
      ],
      [
        'no name',
        `${warehouse('strict', 'ok')}---\napiVersion: kargo.akuity.io/v1alpha1\nkind: Stage\nmetadata:\n  namespace: strict\n`,
        2,
        'missing metadata.name',
      ],
      [
        'schema',
        `${warehouse('strict', 'ok')}---\n${warehouse('strict', 'bad').replace('subscriptions:', 'interval: soon\n  subscriptions:')}`,
        2,
        'Warehouse "bad" in namespace "strict"',
      ],
      ['no project', warehouse('nowhere', 'lost'), 3, 'namespace "nowhere" does not exist'],
    ];
    for (const [what, text, code, message] of cases) {
      cluster.server.clearRequests();
      const result = await kargo(['apply', '-f', file(`strict-${what.replace(' ', '-')}.yaml`, text)]);
      expect({ what, code: result.code }).toEqual({ what, code });
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('nothing was changed');
      expect(result.stdout).toBe('');
      expect(writes()).toEqual([]);
    }
  });

  it('says what is wrong with -f itself', async () => {
    expect((await kargo(['apply'])).stderr).toContain('no manifests given');
    const missing = await kargo(['apply', '-f', join(dir, 'absent.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    const empty = await kargo(['apply', '-f', file('empty.yaml', '# nothing\n')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no objects found');
  });
});

describe('create', () => {
  it('create project makes the Project (creator recorded) and, with no Kargo webhook here, its namespace', async () => {
    const result = await kargo(['create', 'project', 'fresh']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('project.kargo.akuity.io/fresh created\n');
    expect(result.stderr).toContain('namespace/fresh created');
    const created = await admin.get(resources.namespace, 'fresh');
    expect(created.metadata.labels?.['kargo.akuity.io/project']).toBe('true');
    const again = await kargo(['create', 'project', 'fresh']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('project "fresh" already exists');
    expect((await kargo(['create', 'project', 'Not_A_Name'])).code).toBe(2);
  });

  it('create -f refuses objects that exist before creating any of the others', async () => {
    await kargo(['create', 'project', 'once']);
    await kargo(['create', '-f', file('once/a.yaml', warehouse('once', 'a'))]);
    cluster.server.clearRequests();
    const result = await kargo(['create', '-f', file('once/both.yaml', `${warehouse('once', 'b')}---\n${warehouse('once', 'a')}`)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Warehouse "a" in namespace "once" already exists');
    expect(result.stderr).toContain('kargo apply -f');
    expect(writes()).toEqual([]);
  });

  it('creates a Project and objects in it from one file (Namespace and Project first)', async () => {
    const text = `${warehouse('together', 'images')}---\napiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: together\n`;
    const result = await kargo(['create', '-f', file('together.yaml', text)]);
    expect(result.stderr).toBe("namespace/together created (this cluster has no Kargo webhook to create a Project's namespace)\n");
    expect(result.stdout).toBe('project.kargo.akuity.io/together created\nwarehouse.kargo.akuity.io/images created\n');
    expect(result.code).toBe(0);
  });
});

describe('get projectconfig | clusterconfig', () => {
  it("shows the project's ProjectConfig and the ClusterConfig as NAME and AGE, or as data", async () => {
    const table = await kargo(['get', 'projectconfig', '-p', PROJECT]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+AGE\nmy-web-app\s+\S+\n$/);
    const yaml = parse((await kargo(['get', 'projectconfigs', '-p', PROJECT, '-o', 'yaml'])).stdout) as { items: KubeObject[] };
    expect(yaml.items.map((item) => item.kind)).toEqual(['ProjectConfig']);
    await admin.create(resources.clusterConfig, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'ClusterConfig', metadata: { name: 'cluster' } });
    expect((await kargo(['get', 'clusterconfig', '-o', 'name'])).stdout).toBe('clusterconfig.kargo.akuity.io/cluster\n');
  });
});

describe('refresh projectconfig | clusterconfig', () => {
  it('puts a fresh refresh token on the ProjectConfig and on the ClusterConfig, and waits for Kargo to handle it', async () => {
    const project = await kargo(['refresh', 'projectconfig', '-p', PROJECT]);
    expect(project.code).toBe(0);
    expect(project.stderr).toBe('Requested a refresh of ProjectConfig my-web-app.\n');
    const config = await admin.get(resources.projectConfig, PROJECT, PROJECT);
    expect(config.metadata.annotations?.['kargo.akuity.io/refresh']).toMatch(/^[0-9a-f-]{36}$/);

    // No project is needed for the ClusterConfig; stand in for Kargo's controller.
    const handled = (async () => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const current = await admin.get(resources.clusterConfig, 'cluster');
        const token = current.metadata.annotations?.['kargo.akuity.io/refresh'];
        if (token) return admin.patch(resources.clusterConfig, 'cluster', { status: { lastHandledRefresh: token } }, undefined, { subresource: 'status' });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('no refresh token appeared');
    })();
    const cluster = await kargo(['refresh', 'clusterconfig', '--wait', '--timeout', '30s']);
    await handled;
    expect(cluster.stderr).toBe('Requested a refresh of ClusterConfig cluster.\nClusterConfig cluster refreshed.\n');
    expect(cluster.code).toBe(0);
    const missing = await kargo(['refresh', 'projectconfig', '-p', 'tree']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('ProjectConfig "tree" not found in project "tree"');
  });
});

describe('delete', () => {
  beforeAll(async () => {
    for (const status of readExampleStatuses()) {
      await admin.patch(typeOf(status), status.metadata.name ?? '', { status: (status as Stage).status }, status.metadata.namespace, { subresource: 'status' });
    }
  });

  it('refuses to delete Freight a Stage holds, by name or alias, and deletes nothing', async () => {
    cluster.server.clearRequests();
    const result = await kargo(['delete', 'freight', '-p', PROJECT, '--alias', 'quiet-lynx', '--alias', 'steady-otter']);
    expect(result.code).toBe(8);
    expect(result.stderr).toContain('Freight are in use and cannot be deleted');
    expect(result.stderr).toContain('Freight "steady-otter" (ddc02d90864678757506c645bbe071ab11c2f2bb) is in use by Stages "prod-eu", "prod-us"');
    expect(writes()).toEqual([]);
  });

  it('deletes unused Freight by alias and prints what was given', async () => {
    await admin.create(
      resources.freight,
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Freight',
        metadata: { name: 'f000000000000000000000000000000000000001', namespace: PROJECT, labels: { 'kargo.akuity.io/alias': 'spare-part' } },
        origin: { kind: 'Warehouse', name: 'app-images' },
      } as KubeObject,
      PROJECT,
    );
    const result = await kargo(['delete', 'freight', '-p', PROJECT, '--alias', 'spare-part']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('freight.kargo.akuity.io/spare-part deleted\n');
    const missing = await kargo(['delete', 'freight', '-p', PROJECT, 'spare-part']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('Freight "spare-part" not found in project "my-web-app"');
  });

  it('delete -f refuses in-use Freight up front', async () => {
    cluster.server.clearRequests();
    const result = await kargo(['delete', '-f', join(EXAMPLES_DIR, '50-freight.yaml')]);
    expect(result.code).toBe(8);
    expect(writes()).toEqual([]);
  });

  it('deletes stages and warehouses by name, reporting the missing one and going on', async () => {
    await kargo(['create', 'project', 'doomed']);
    await kargo(['apply', '-f', file('doomed.yaml', `${warehouse('doomed', 'w1')}---\n${warehouse('doomed', 'w2')}`)]);
    const result = await kargo(['delete', 'warehouse', '-p', 'doomed', 'w1', 'ghost', 'w2']);
    expect(result.stdout).toBe('warehouse.kargo.akuity.io/w1 deleted\nwarehouse.kargo.akuity.io/w2 deleted\n');
    expect(result.stderr).toBe('error: Warehouse "ghost": Warehouse "ghost" not found in project "doomed"\n');
    expect(result.code).toBe(3);
    const noProject = await kargo(['delete', 'stage', '-p', 'no-such-project', 'dev']);
    expect(noProject.code).toBe(3);
    expect(noProject.stderr).toContain('project "no-such-project" not found');
  });

  it('deletes the ProjectConfig, the ClusterConfig and a Project by name', async () => {
    const config = await kargo(['delete', 'projectconfig', '-p', PROJECT]);
    expect(config.stdout).toBe('projectconfig.kargo.akuity.io/my-web-app deleted\n');
    expect((await kargo(['delete', 'projectconfig', '-p', PROJECT])).code).toBe(3);
    const cluster = await kargo(['delete', 'clusterconfig']);
    expect(cluster.stdout).toBe('clusterconfig.kargo.akuity.io/cluster deleted\n');
    const project = await kargo(['delete', 'project', 'doomed', '-o', 'name']);
    expect(project.stdout).toBe('project.kargo.akuity.io/doomed\n');
    const template = await kargo([
      'create',
      'project',
      'templated',
      '-o',
      'jsonpath={.metadata.name}:{.metadata.annotations.kargo\\.akuity\\.io/create-actor}',
    ]);
    expect(template.stdout).toBe('templated:kubernetes:admin');
  });

  it('delete -f deletes what the manifests name, Projects last', async () => {
    await kargo(['create', 'project', 'gone']);
    const path = file('gone.yaml', `apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: gone\n---\n${warehouse('gone', 'w')}`);
    await kargo(['apply', '-f', path]);
    const result = await kargo(['delete', '-f', path]);
    expect(result.stdout).toBe('warehouse.kargo.akuity.io/w deleted\nproject.kargo.akuity.io/gone deleted\n');
    expect(result.code).toBe(0);
    const again = await kargo(['delete', '-f', path]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('Warehouse "w" in namespace "gone"');
  });
});

describe('namespaces in manifests', () => {
  it('a Namespace document is created before the objects in it', async () => {
    const text = `${warehouse('labelled', 'w')}---\n${namespace('labelled')}`;
    const result = await kargo(['apply', '-f', file('labelled.yaml', text)]);
    expect(result.stdout).toBe('namespace/labelled created\nwarehouse.kargo.akuity.io/w created\n');
  });
});
