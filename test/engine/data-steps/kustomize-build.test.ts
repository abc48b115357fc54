import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { findProgram } from '../../../src/engine/files/program.js';
import { kustomizeBuildStep } from '../../../src/engine/steps/kustomize-build.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';

const kustomizer = (await findProgram('kustomize')) ?? (await findProgram('kubectl'));
if (!kustomizer) console.warn('kustomize-build: neither kustomize nor kubectl is on PATH; the build tests are skipped');

const app = {
  'base/kustomization.yaml': 'resources:\n- deployment.yaml\n- namespace.yaml\n',
  'base/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n',
  'base/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
  'dev/kustomization.yaml':
    'resources:\n- ../base\nimages:\n- name: nginx\n  newTag: 1.25.0\nconfigMapGenerator:\n- name: cfg\n  namespace: shop\n  literals: [a=b]\n  options: {disableNameSuffixHash: true}\n',
};

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

describe.skipIf(!kustomizer)('kustomize-build', () => {
  it('renders an overlay into one file', async () => {
    const workDir = await workDirWith(app);
    expect(await runStep(kustomizeBuildStep, workDir, { path: 'dev', outPath: 'out/dev.yaml' })).toEqual({ status: 'Succeeded' });
    const docs = parseAllDocuments(await readText(workDir, 'out/dev.yaml')).map((doc) => doc.toJSON() as { kind: string });
    expect(docs.map((doc) => doc.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Namespace']);
    expect(JSON.stringify(docs)).toContain('nginx:1.25.0');
  });

  it.each([
    ['kargo', ['configmap-cfg.yaml', 'deployment-web.yaml', 'namespace-shop.yaml'].map((f) => f.replace(/^(configmap|deployment)/, 'shop-$1'))],
    ['kustomize', ['apps_v1_deployment_web.yaml', 'v1_configmap_cfg.yaml', 'v1_namespace_shop.yaml']],
  ] as const)('writes one file per resource in the %s layout', async (outputFormat, files) => {
    const workDir = await workDirWith(app);
    await runStep(kustomizeBuildStep, workDir, { path: 'dev', outPath: 'out', outputFormat });
    expect((await readdir(join(workDir, 'out'))).sort()).toEqual([...files].sort());
    const deployment = parse(await readText(workDir, join('out', [...files].find((f) => f.includes('deployment')) as string)));
    expect(deployment.spec.template.spec.containers[0].image).toBe('nginx:1.25.0');
  });

  it("carries the program's own error when the build fails", async () => {
    const workDir = await workDirWith({ 'bad/kustomization.yaml': 'resources:\n- missing.yaml\n' });
    await expect(runStep(kustomizeBuildStep, workDir, { path: 'bad', outPath: 'out.yaml' })).rejects.toThrow(
      /^(kubectl )?kustomize failed to build "bad": .*missing\.yaml/s,
    );
  });
});

describe('kustomize-build without the program', () => {
  it('names the program it needs', async () => {
    process.env.PATH = '';
    const workDir = await workDirWith(app);
    await expect(runStep(kustomizeBuildStep, workDir, { path: 'dev', outPath: 'out.yaml' })).rejects.toThrow(
      'kustomize-build needs the `kustomize` program, or `kubectl` for `kubectl kustomize`, and found neither on PATH',
    );
  });

  it('refuses paths outside the working directory', async () => {
    const workDir = await workDirWith(app);
    await expect(runStep(kustomizeBuildStep, workDir, { path: '../dev', outPath: 'out.yaml' })).rejects.toThrow(/outside the working directory/);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('kustomize-build', kustomizeBuildStep.validate, [
      {
        name: 'valid',
        config: { path: 'a', outPath: 'b', outputFormat: 'kustomize', plugin: { helm: { apiVersions: ['v1'], kubeVersion: '1.30' } } },
        valid: true,
      },
      { name: 'no outPath', config: { path: 'a' }, valid: false },
      { name: 'bad outputFormat', config: { path: 'a', outPath: 'b', outputFormat: 'flat' }, valid: false },
      { name: 'empty apiVersion', config: { path: 'a', outPath: 'b', plugin: { helm: { apiVersions: [''] } } }, valid: false },
      { name: 'unknown plugin', config: { path: 'a', outPath: 'b', plugin: { kustomize: {} } }, valid: false },
    ]);
  });
});
