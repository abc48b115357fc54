// `kargo get` with kubectl's listing flags against the embedded server: -A with a
// PROJECT column, --field-selector sent to the server, --show-labels, --sort-by,
// template errors as usage errors, and `get freight --stage -o json` carrying the
// availability decision where jq can read it.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight, KubeObject } from '../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { applyExamples, PROJECT } from './support/examples.js';
import { captureStream, isolatedHome, parseTable, runKargo } from './support/run-kargo.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const OTHER = 'second-app';
let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

function kargo(argv: string[]) {
  return runKargo(argv, { env, now: NOW });
}

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: OTHER, labels: { 'kargo.akuity.io/project': 'true' } } });
  await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: OTHER } });
  const warehouse: KubeObject = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Warehouse',
    metadata: { name: 'app-images', namespace: OTHER, labels: { team: 'web', tier: 'front' } },
    spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/example-org/other' } }] },
  } as KubeObject;
  await admin.create(resources.warehouse, warehouse, OTHER);
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT };
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

describe('-A / --all-projects', () => {
  it('lists every project with a PROJECT column first, as kubectl -A shows NAMESPACE', async () => {
    const result = await kargo(['get', 'warehouses', '-A']);
    expect(result.code).toBe(0);
    const [header, ...rows] = parseTable(result.stdout);
    expect(header?.[0]).toBe('PROJECT');
    expect(header?.[1]).toBe('NAME');
    expect(rows.map((row) => `${row[0]}/${row[1]}`)).toEqual([`${PROJECT}/app-images`, `${PROJECT}/infra-config`, `${OTHER}/app-images`]);
  });

  it('lists across projects as data too, without the column', async () => {
    const result = await kargo(['get', 'warehouses', '--all-projects', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} {end}']);
    expect(result.stdout).toBe(`${PROJECT}/app-images ${PROJECT}/infra-config ${OTHER}/app-images `);
  });

  it('refuses names and --stage, which belong to one project', async () => {
    expect((await kargo(['get', 'stages', 'dev', '-A'])).stderr).toContain('cannot be retrieved by name across all projects');
    const stage = await kargo(['get', 'freight', '--stage', 'dev', '-A']);
    expect(stage.code).toBe(2);
  });
});

describe('--field-selector', () => {
  it('is sent to the server and narrows the listing', async () => {
    cluster.server.clearRequests();
    const result = await kargo(['get', 'stages', '--field-selector', 'metadata.name=prod-us', '-o', 'name']);
    expect(result.stdout).toBe('stage.kargo.akuity.io/prod-us\n');
    const lists = cluster.server.requests.filter((request) => request.resource === 'stages' && request.verb === 'list');
    expect(lists.map((request) => new URLSearchParams(request.query).get('fieldSelector'))).toEqual(['metadata.name=prod-us']);
  });
});

describe('--show-labels and --sort-by', () => {
  it('adds a LABELS column last', async () => {
    const result = await kargo(['get', 'warehouses', '-p', OTHER, '--show-labels']);
    const [header, row] = parseTable(result.stdout);
    expect(header?.at(-1)).toBe('LABELS');
    expect(row?.at(-1)).toBe('team=web,tier=front');
    const plain = parseTable((await kargo(['get', 'stages', 'dev', '--show-labels'])).stdout);
    expect(plain[1]?.at(-1)).toBe('<none>');
  });

  it('sorts tables and data by a JSONPath field, and refuses a field no object has', async () => {
    const byName = await kargo(['get', 'stages', '--sort-by=.metadata.name', '--no-headers', '-o', 'custom-columns=N:.metadata.name']);
    expect(byName.stdout).toBe('dev\nprod-eu\nprod-us\nstaging-eu\nstaging-us\n');
    const table = await kargo(['get', 'freight', '--sort-by={.metadata.name}', '--no-headers']);
    const names = parseTable(table.stdout).map((row) => row[0] ?? '');
    expect(names).toEqual([...names].sort());
    const missing = await kargo(['get', 'stages', '--sort-by=.spec.nothing']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`couldn't find any field with path "{.spec.nothing}"`);
  });
});

describe('template errors are usage errors (exit 2), before any request', () => {
  it.each([
    [['-o', 'jsonpath={.items[*'], 'error parsing jsonpath {.items[*, unterminated array'],
    [['-o', 'jsonpath'], 'template format specified but no template given'],
    [['-o', 'go-template={{.items'], 'error parsing template {{.items, template: output:1: unclosed action'],
    [['-o', 'go-template={{nope .}}'], 'function "nope" not defined'],
    [['-o', 'custom-columns=NAME'], 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>'],
    [['-o', 'jsonpath-file=/nonexistent/template'], 'error reading --template /nonexistent/template'],
    [['-o', 'xml'], 'unable to match a printer suitable for the output format "xml"'],
    [['-o', 'json=x'], 'unable to match a printer suitable for the output format "json=x"'],
  ])('%j', async (flags, message) => {
    cluster.server.clearRequests();
    const result = await kargo(['get', 'stages', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(cluster.server.requests).toEqual([]);
  });

  it('a missing field fails only with --allow-missing-template-keys=false', async () => {
    const lenient = await kargo(['get', 'stages', 'dev', '-o', 'go-template={{.spec.nothing}}']);
    expect(lenient.stdout).toBe('<no value>');
    const strict = await kargo(['get', 'stages', 'dev', '-o', 'go-template={{.spec.nothing}}', '--allow-missing-template-keys=false']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('map has no entry for key "nothing"');
  });

  it('reads templates from files: jsonpath-file, go-template-file, custom-columns-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kargo-templates-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const jsonpath = await kargo(['get', 'stages', 'dev', '-o', `jsonpath-file=${write('t.jsonpath', '{.metadata.name}')}`]);
    expect(jsonpath.stdout).toBe('dev');
    const gotemplate = await kargo(['get', 'stages', 'dev', '-o', 'go-template-file', '--template', write('t.tmpl', '{{.kind}}/{{.metadata.name}}')]);
    expect(gotemplate.stdout).toBe('Stage/dev');
    const columns = await kargo(['get', 'stages', 'dev', '-o', `custom-columns-file=${write('t.columns', 'NAME KIND\n.metadata.name .kind\n')}`]);
    expect(columns.stdout).toBe('NAME   KIND\ndev    Stage\n');
    const bare = await kargo(['get', 'stages', 'dev', '--template', '{{.metadata.name}}']);
    expect(bare.stdout).toBe('dev');
  });
});

describe('get freight --stage -o json|yaml carries the decision', () => {
  it('keeps each item the real Freight and adds status.kargoCli.availability, as the table decides', async () => {
    const table = parseTable((await kargo(['get', 'freight', '--stage', 'prod-us'])).stdout);
    const result = await kargo(['get', 'freight', '--stage', 'prod-us', '-o', 'json']);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { kind: string; items: (Freight & { status: { kargoCli: { availability: Record<string, unknown> } } })[] };
    expect(list.kind).toBe('List');
    for (const item of list.items) {
      expect(item.kind).toBe('Freight');
      const stored = await admin.get<Freight>(resources.freight, item.metadata.name ?? '', PROJECT);
      const { kargoCli, ...status } = item.status;
      expect(status).toEqual(stored.status ?? {});
      const row = table.find((cells) => cells[0] === item.metadata.name);
      expect(kargoCli.availability.available).toBe(row?.[3] === 'yes');
      expect(kargoCli.availability.reason).toBe(row?.[4]);
      expect(kargoCli.availability.stage).toBe('prod-us');
      expect(kargoCli.availability.evaluatedAt).toBe('2026-11-23T12:00:00Z');
    }
    const refused = list.items.find((item) => !item.status.kargoCli.availability.available);
    const unblock = refused?.status.kargoCli.availability.unblock as { kind: string; command?: string; description: string }[];
    expect(unblock.at(-1)?.kind).toBe('approve');
    expect(unblock.at(-1)?.command).toBe(`kargo approve --freight ${refused?.metadata.labels?.['kargo.akuity.io/alias']} --stage prod-us --project ${PROJECT}`);
    expect(refused?.status.kargoCli.availability.message).toContain('is not available to Stage "prod-us"');
  });

  it.skipIf(!existsSync('/usr/bin/jq'))('can be read with jq', async () => {
    const result = await kargo(['get', 'freight', '--stage', 'prod-us', '-o', 'json']);
    const table = parseTable((await kargo(['get', 'freight', '--stage', 'prod-us', '--no-headers'])).stdout);
    const available = await jq('[.items[] | select(.status.kargoCli.availability.available) | .metadata.name] | sort | .[]', result.stdout);
    expect(available.trim().split('\n').filter(Boolean)).toEqual(
      table
        .filter((row) => row[3] === 'yes')
        .map((row) => row[0])
        .sort(),
    );
  });

  it('jsonpath and yaml see it too', async () => {
    const jsonpath = await kargo(['get', 'freight', '--stage', 'prod-us', '-o', 'jsonpath={range .items[*]}{.status.kargoCli.availability.available} {end}']);
    expect(
      jsonpath.stdout
        .trim()
        .split(' ')
        .every((word) => word === 'true' || word === 'false'),
    ).toBe(true);
    const yaml = await kargo(['get', 'freight', '--stage', 'prod-us', '-o', 'yaml']);
    expect(yaml.stdout).toContain('kargoCli:');
    const plain = await kargo(['get', 'freight', '-o', 'json']);
    expect(plain.stdout).not.toContain('kargoCli');
  });
});

describe('-n as kubectl spells -p, when run as kubectl kargo', () => {
  const bin = fileURLToPath(new URL('../../bin/kargo.js', import.meta.url));
  const spawnAs = (path: string, argv: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const { KARGO_PROJECT: _unset, ...rest } = env;
      execFile(path, argv, { env: { ...rest, PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('names the project through the kubectl-kargo executable, and is unknown to kargo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubectl-plugin-'));
    const plugin = join(dir, 'kubectl-kargo');
    symlinkSync(bin, plugin);
    const asPlugin = await spawnAs(plugin, ['get', 'warehouses', '-n', OTHER, '-o', 'name']);
    expect(asPlugin).toMatchObject({ code: 0, stdout: 'warehouse.kargo.akuity.io/app-images\n' });
    const conflicting = await spawnAs(plugin, ['get', 'warehouses', '-n', OTHER, '-p', PROJECT]);
    expect(conflicting.code).toBe(2);
    const asKargo = await spawnAs(bin, ['get', 'warehouses', '-n', OTHER]);
    expect(asKargo.code).toBe(2);
    expect(asKargo.stderr).toContain("unknown option '-n'");
  });
});

function jq(filter: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/jq', ['-r', filter], (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(input);
  });
}
