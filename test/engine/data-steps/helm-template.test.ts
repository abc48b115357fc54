import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { helmTemplateArgs } from '../../../src/engine/files/helm-template-args.js';
import { findProgram } from '../../../src/engine/files/program.js';
import { helmTemplateStep } from '../../../src/engine/steps/helm-template.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';

const helm = await findProgram('helm');
if (!helm) console.warn('helm-template: `helm` is not on PATH; the rendering tests are skipped');

const chart = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': 'image: nginx\ntag: "1.0"\n',
  'chart/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\n  namespace: {{ .Release.Namespace }}\ndata:\n  image: {{ .Values.image }}:{{ .Values.tag }}\n',
  'envs/dev.yaml': 'tag: "2.0"\n',
};

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

describe('helm-template', () => {
  it('builds the helm template command line as Kargo configures its install action', async () => {
    const workDir = await workDirWith(chart);
    const args = await helmTemplateArgs(workDir, 'demo', {
      path: 'chart',
      outPath: 'out',
      releaseName: 'web',
      useReleaseName: true,
      valuesFiles: ['envs/dev.yaml', 'envs/missing.yaml'],
      ignoreMissingValueFiles: true,
      setValues: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2,3', literal: true },
      ],
      includeCRDs: true,
      skipTests: true,
      kubeVersion: '1.30.0',
      apiVersions: ['monitoring.coreos.com/v1'],
    });
    expect(args.map((arg) => arg.replace(/^\/.*\/kargo-data-steps-[^/]+/, '<wd>'))).toEqual([
      'template',
      'web',
      '<wd>/chart',
      '--namespace',
      'demo',
      '--values',
      '<wd>/envs/dev.yaml',
      '--set',
      'a=1',
      '--set-literal',
      'b=2,3',
      '--include-crds',
      '--skip-tests',
      '--kube-version',
      '1.30.0',
      '--api-versions',
      'monitoring.coreos.com/v1',
      '--output-dir',
      '<wd>/out',
      '--release-name',
    ]);
  });

  it('names the program it needs when helm is missing', async () => {
    process.env.PATH = '';
    const workDir = await workDirWith(chart);
    await expect(runStep(helmTemplateStep, workDir, { path: 'chart', outPath: 'out.yaml', releaseName: 'web' })).rejects.toThrow(
      'helm-template needs the `helm` program and found none on PATH',
    );
  });

  it.skipIf(!helm)('renders a chart to one file and flat', async () => {
    const workDir = await workDirWith(chart);
    await runStep(helmTemplateStep, workDir, { path: 'chart', outPath: 'out/all.yaml', releaseName: 'web', valuesFiles: ['envs/dev.yaml'] });
    expect(await readText(workDir, 'out/all.yaml')).toContain('image: nginx:2.0');
    await runStep(helmTemplateStep, workDir, { path: 'chart', outPath: 'flat', outLayout: 'flat', releaseName: 'web' });
    expect(await readdir(join(workDir, 'flat'))).toEqual(['configmap-demo-web-cfg.yaml']);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('helm-template', helmTemplateStep.validate, [
      { name: 'minimal', config: { path: 'c', outPath: 'o', releaseName: 'r' }, valid: true },
      { name: 'set value', config: { path: 'c', outPath: 'o', releaseName: 'r', setValues: [{ key: 'k', value: '' }] }, valid: true },
      { name: 'no releaseName', config: { path: 'c', outPath: 'o' }, valid: false },
      { name: 'bad layout', config: { path: 'c', outPath: 'o', releaseName: 'r', outLayout: 'tree' }, valid: false },
      { name: 'set value not a string', config: { path: 'c', outPath: 'o', releaseName: 'r', setValues: [{ key: 'k', value: 1 }] }, valid: false },
      { name: 'empty values file', config: { path: 'c', outPath: 'o', releaseName: 'r', valuesFiles: [''] }, valid: false },
    ]);
  });
});
