// `kargo status` in process, against the embedded API server seeded with examples/
// and its status fixtures: the picture, the graph data, the request budget, and
// the failure paths.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { CliContext } from '../../../src/cli/context.js';
import type { OutputStream } from '../../../src/runtime/io.js';
import { lazyKubeFactory } from '../../../src/cli/kube-factory.js';
import { runCli } from '../../../src/root-command.js';
import type { KubeClient } from '../../../src/kube/client.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources, type ResourceType } from '../../../src/kube/resources.js';
import type { KubeObject } from '../../../src/model/kargo.js';
import type { PipelineGraph } from '../../../src/rules/pipeline-graph.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { expectGolden } from './golden.js';

const examplesDir = fileURLToPath(new URL('../../../examples', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');

class CapturedStream implements OutputStream {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 100,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

let cluster: TestCluster;

function typeOf(object: KubeObject): ResourceType {
  const type = Object.values(resources).find((candidate) => candidate.kind === object.kind);
  if (!type) throw new Error(`no resource type for ${object.kind}`);
  return type;
}

function readObjects(dir: string): KubeObject[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((document) => document.toJS() as KubeObject));
}

async function seedExamples(client: KubeClient): Promise<void> {
  for (const object of readObjects(examplesDir)) await client.create(typeOf(object), object, object.metadata.namespace);
  for (const fixture of readObjects(join(examplesDir, 'status'))) {
    await client.patch(typeOf(fixture), fixture.metadata.name ?? '', fixture, fixture.metadata.namespace, { subresource: 'status', patchType: 'merge' });
  }
  await client.create(resources.namespace, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'empty-app', labels: { 'kargo.akuity.io/project': 'true' } },
  });
  await client.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: 'empty-app' } });
}

async function kargo(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const stdout = new CapturedStream(options.tty ?? false);
  const stderr = new CapturedStream(options.tty ?? false);
  const env = { KUBECONFIG: cluster.kubeconfigPath, XDG_CONFIG_HOME: '/nonexistent', ...options.env };
  const ctx: CliContext = {
    io: { stdout, stderr },
    env,
    clock: { now: () => NOW, sleep: () => Promise.resolve() },
    signal: new AbortController().signal,
    kube: lazyKubeFactory({ env, stderr }),
  };
  const code = await runCli(args, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

beforeAll(async () => {
  cluster = await startTestCluster();
  const client = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: new CapturedStream() });
  await seedExamples(client);
});

afterAll(async () => {
  await cluster?.close();
});

describe('kargo status', () => {
  it('draws the example pipeline in plain ASCII when not on a terminal', async () => {
    const result = await kargo(['status', '-p', 'my-web-app']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectGolden('my-web-app.ascii.txt', result.stdout);
  });

  it('draws with box characters and colour on a terminal', async () => {
    const result = await kargo(['status', '-p', 'my-web-app'], { tty: true, env: { TERM: 'xterm-256color' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('┌');
    expect(result.stdout).toContain('\u001b[');
    const plain = result.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expectGolden('my-web-app.unicode.txt', plain);
  });

  it('honours NO_COLOR on a terminal', async () => {
    const result = await kargo(['status', '-p', 'my-web-app'], { tty: true, env: { NO_COLOR: '1' } });
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('draws the terminal look when asked to with --color always, even when piped', async () => {
    const result = await kargo(['status', '-p', 'my-web-app', '--color', 'always']);
    expect(result.stdout).toContain('╭');
    expect(result.stdout).toContain('\u001b[');
  });

  it('exits 2 when no project is selected', async () => {
    const result = await kargo(['status']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no project selected');
  });

  it('is also `kargo get pipeline`', async () => {
    const viaGet = await kargo(['get', 'pipeline', '-p', 'my-web-app']);
    const viaStatus = await kargo(['status', '-p', 'my-web-app']);
    expect(viaGet.code).toBe(0);
    expect(viaGet.stdout).toBe(viaStatus.stdout);
  });

  it('lists each kind once, whatever the size of the project', async () => {
    cluster.server.clearRequests();
    await kargo(['status', '-p', 'my-web-app']);
    const calls = cluster.server.requests.filter((request) => request.path.startsWith('/apis/'));
    expect(calls.map((request) => `${request.verb} ${request.resource}`).sort()).toEqual(['list freights', 'list stages', 'list warehouses']);
    expect(calls.every((request) => request.namespace === 'my-web-app')).toBe(true);
  });

  it('prints the graph as JSON with -o json', async () => {
    const result = await kargo(['status', '-p', 'my-web-app', '-o', 'json']);
    expect(result.code).toBe(0);
    const graph = JSON.parse(result.stdout) as PipelineGraph;
    expect(graph.layers.map((layer) => layer.map((ref) => ref.name))).toEqual([
      ['app-images', 'infra-config'],
      ['dev'],
      ['staging-eu', 'staging-us'],
      ['prod-eu', 'prod-us'],
    ]);
    const dev = graph.stages.find((stage) => stage.name === 'dev');
    expect(dev?.freight.map((item) => item.alias)).toEqual(['quiet-lynx', 'bold-maple']);
    expect(dev?.verification).toBe('Successful');
    expect(graph.stages.find((stage) => stage.name === 'prod-eu')).toMatchObject({ health: 'Progressing', verification: 'Running' });
    expect(graph.edges.filter((edge) => edge.to === 'prod-us' && edge.origin === 'Warehouse/app-images')).toEqual([
      { from: { kind: 'Stage', name: 'staging-us' }, to: 'prod-us', origin: 'Warehouse/app-images', availabilityStrategy: 'All', requiredSoakTime: '1h' },
      { from: { kind: 'Stage', name: 'staging-eu' }, to: 'prod-us', origin: 'Warehouse/app-images', availabilityStrategy: 'All', requiredSoakTime: '1h' },
    ]);
  });

  it('prints the graph as YAML with -o yaml', async () => {
    const result = await kargo(['status', '-p', 'my-web-app', '-o', 'yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('project: my-web-app\n');
  });

  it('says so when the project is empty', async () => {
    const result = await kargo(['status', '-p', 'empty-app']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No warehouses or stages in this project yet.');
  });

  it('exits 3 when the project does not exist', async () => {
    const result = await kargo(['status', '-p', 'no-such-app']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('project "no-such-app" does not exist');
  });

  it('exits 2 for an output format it does not print', async () => {
    const result = await kargo(['status', '-p', 'my-web-app', '-o', 'wide']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('-o wide is not supported by status');
  });
});
