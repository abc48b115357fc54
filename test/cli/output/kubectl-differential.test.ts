// The same `get … -o jsonpath|go-template|custom-columns` run by kargo and by
// kubectl (/usr/bin/kubectl) against the same embedded cluster holding the example
// pipeline: the outputs must be byte-identical. kubectl is the reference for
// client-go's JSONPath, Go's text/template with kubectl's data and functions,
// custom columns' layout, --sort-by and the List wrapping of listings.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { applyExamples, PROJECT } from '../support/examples.js';
import { captureStream, isolatedHome, runKargo } from '../support/run-kargo.js';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);

let cluster: TestCluster;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin: KubeClient = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT };
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

async function kubectl(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(KUBECTL, ['--kubeconfig', cluster.kubeconfigPath, ...args], { env: { ...env, PATH: process.env.PATH ?? '' } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

/** kubectl's spelling of each kind, fully qualified so no other API group answers. */
const KUBECTL_KIND: Record<string, string> = {
  stages: 'stages.kargo.akuity.io',
  freight: 'freights.kargo.akuity.io',
  warehouses: 'warehouses.kargo.akuity.io',
};

/** Both outputs; where kubectl refuses the template, kargo must refuse it too (exit 2) and both print nothing. */
async function both(kind: string, names: string[], output: string[]): Promise<{ kargo: string; kubectl: string }> {
  const ours = await runKargo(['get', kind, ...names, ...output], { env });
  const theirs = await kubectl(['get', KUBECTL_KIND[kind] ?? kind, ...names, '-n', PROJECT, ...output]);
  expect(ours.code, `kargo ${output.join(' ')}: ${ours.stderr}`).toBe(theirs.code === 0 ? 0 : 2);
  return { kargo: ours.stdout, kubectl: theirs.stdout };
}

const JSONPATHS = [
  '{.items[*].metadata.name}',
  '{range .items[*]}{.metadata.name}{"\\t"}{.spec.requestedFreight[0].origin.name}{"\\n"}{end}',
  '{.items[0].metadata}',
  '{.items[0].spec.requestedFreight}',
  '{.items[?(@.metadata.name=="prod-us")].spec.requestedFreight[*].sources.upstreamStages}',
  '{.items[?(@.metadata.name!="dev")].metadata.name}',
  '{.items[-1:].metadata.name}',
  '{.items[1:3].metadata.name}',
  '{.items[0:5:2].metadata.name}',
  '{.items[*].spec.requestedFreight[*].sources.direct}',
  '{.items[*].metadata.labels}',
  '{.kind} {.apiVersion} {.metadata}',
  // `..` and `.*` over maps are left out: client-go walks a map in Go's random order.
  '{.items[*].spec.requestedFreight..direct}',
  '{.items[3:1]}',
  '{.items[0].metadata.name.nothing}',
  '{.items[0].metadata.name[0]}',
  '{.items[?(@.metadata.generation==1)].metadata.name}',
  '{.items[?(@.metadata.generation==1.0)].metadata.name}',
  '{.items[?(@.metadata.generation>0)].metadata.name}',
  '{end}',
  '{.items[*].metadata.name',
  '{range .items[*]}{.metadata.name}',
  '{.items[*].spec.requestedFreight[0].sources.direct}{true}{1.5}{-2}',
  'names: {.items[*].metadata.name} end',
  '{.items[*].spec.requestedFreight[?(@.sources.direct==true)].origin.name}',
  '{.items[*].spec.requestedFreight[?(@.sources.requiredSoakTime)].sources.requiredSoakTime}',
  '{.items[*].metadata.missing}',
  "{.items[*]['metadata.name']}",
  '{.items[0].metadata.name,.items[1].metadata.name}',
  '{.items[0,1].metadata.name}',
  '{range .items[*]}[{range .spec.requestedFreight[*]}{.origin.kind}/{.origin.name} {end}]{end}',
  '{range .items[*]}{@.metadata.name}{"="}{$.kind}{"\\n"}{end}',
  '{.items[?(@.metadata.name=~"^prod")].metadata.name}',
  '{.items[*].status.health.status}',
  '{.items[*].spec.promotionTemplate.spec.steps[0]}',
  '{.items[*].metadata.creationTimestamp}',
];

const GO_TEMPLATES = [
  '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}',
  '{{range $i, $s := .items}}{{$i}}:{{$s.metadata.name}} {{end}}',
  '{{len .items}} {{.kind}}',
  '{{range .items}}{{if eq .metadata.name "dev"}}first{{else if eq .metadata.name "prod-us"}}prod{{else}}other{{end}},{{end}}',
  '{{range .items}}{{with .spec.requestedFreight}}{{len .}}{{end}} {{end}}',
  '{{(index .items 0).metadata.name}} {{index (index .items 1).metadata "name"}}',
  '{{range .items}}{{printf "%-12s|%5s|%q" .metadata.name .kind .metadata.namespace}}{{"\\n"}}{{end}}',
  '{{range .items}}{{.metadata.missing}} {{end}}',
  '{{- range .items -}}\n  {{ .metadata.name }}\n{{- end }}',
  '{{$n := len .items}}{{if gt $n 1}}many{{else}}few{{end}}',
  '{{range .items}}{{.metadata.labels}}{{end}}',
  '{{range .items}}{{.spec.requestedFreight}}{{"\\n"}}{{end}}',
  '{{range .items}}{{if and .spec.requestedFreight (not .metadata.deletionTimestamp)}}{{.metadata.name}} {{end}}{{end}}',
  '{{range .items}}{{.metadata.name | printf "<%s>"}}{{end}}',
  '{{range .items}}{{if exists . "spec" "promotionTemplate"}}{{.metadata.name}} {{end}}{{end}}',
  '{{/* a comment */}}{{range .items}}{{ne .kind "Stage"}}{{end}}',
  '{{range .items}}{{range $key, $value := .metadata}}{{$key}} {{end}}{{"\\n"}}{{end}}',
  '{{range .items}}{{println .metadata.name .metadata.namespace}}{{end}}',
  '{{range .items}}{{print .metadata.name 1 2 "x" 3}}{{end}}',
  '{{range .items}}{{.metadata.generation}} {{printf "%v %.2f %d" .metadata.generation .metadata.generation 7}} {{end}}',
];

const CUSTOM_COLUMNS = [
  'NAME:.metadata.name',
  'NAME:.metadata.name,NS:{.metadata.namespace},ORIGIN:.spec.requestedFreight[*].origin.name',
  'NAME:metadata.name,MISSING:.spec.nothing,LABELS:.metadata.labels',
  'A:.metadata.name,B:.spec.requestedFreight[0].sources',
];

describe.skipIf(!existsSync(KUBECTL))('kargo and kubectl print the same', () => {
  describe.each(['stages', 'warehouses'])('get %s -o jsonpath', (kind) => {
    it.each(JSONPATHS)('%s', async (template) => {
      const result = await both(kind, [], ['--sort-by=.metadata.name', '-o', `jsonpath=${template}`]);
      expect(result.kargo).toBe(result.kubectl);
    });
  });

  it.each(JSONPATHS.slice(0, 10))('get stages -o jsonpath-as-json=%s', async (template) => {
    const result = await both('stages', [], ['--sort-by=.metadata.name', '-o', `jsonpath-as-json=${template}`]);
    expect(result.kargo).toBe(result.kubectl);
  });

  it.each(['{.metadata.name}', '{.spec}', '{.metadata.name}{"\\n"}{.kind}', '{$}', '{@.metadata.namespace}'])(
    'get stage dev -o jsonpath=%s (one object)',
    async (template) => {
      const result = await both('stages', ['dev'], ['-o', `jsonpath=${template}`]);
      expect(result.kargo).toBe(result.kubectl);
    },
  );

  describe.each(['stages', 'freight'])('get %s -o go-template', (kind) => {
    it.each(GO_TEMPLATES)('%s', async (template) => {
      const result = await both(kind, [], ['--sort-by=.metadata.name', '-o', `go-template=${template}`]);
      expect(result.kargo).toBe(result.kubectl);
    });
  });

  it.each(CUSTOM_COLUMNS)('get stages -o custom-columns=%s', async (spec) => {
    const result = await both('stages', [], ['--sort-by=.metadata.name', '-o', `custom-columns=${spec}`]);
    expect(result.kargo).toBe(result.kubectl);
  });

  it('custom columns without headers, and sorted by a nested field', async () => {
    const result = await both(
      'freight',
      [],
      ['--sort-by={.metadata.creationTimestamp}', '--no-headers', '-o', 'custom-columns=N:.metadata.name,O:.origin.name'],
    );
    expect(result.kargo).toBe(result.kubectl);
  });

  it.each(['.spec.requestedFreight[0].sources.requiredSoakTime', '.spec.verification.analysisTemplates[0].name', '.status.lastPromotion.finishedAt'])(
    '--sort-by=%s, a field some Stages lack',
    async (field) => {
      const result = await both('stages', [], [`--sort-by=${field}`, '-o', 'custom-columns=N:.metadata.name']);
      expect(result.kargo).toBe(result.kubectl);
    },
  );

  it('--template with -o go-template, and --allow-missing-template-keys=false', async () => {
    const result = await both('stages', [], ['--sort-by=.metadata.name', '-o', 'go-template', '--template', '{{range .items}}{{.metadata.name}} {{end}}']);
    expect(result.kargo).toBe(result.kubectl);
    const strict = await runKargo(['get', 'stages', '-o', 'jsonpath={.items[*].nothing}', '--allow-missing-template-keys=false'], { env });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('nothing is not found');
  });
});
