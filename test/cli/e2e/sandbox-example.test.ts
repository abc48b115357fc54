// `kargo sandbox start --example` through bin/kargo.js: the example pipeline
// is made inside the state dir (Git repository, first release in the sandbox
// registry, project objects), its Warehouse discovers Freight from both, and a
// Promotion to dev runs the kustomize-promote task through to the Argo CD
// stand-in, which then serves the release. A second --example keeps it all.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../src/kube/resources.js';
import type { Freight, Stage } from '../../../src/model/kargo.js';
import { sandboxHome, type Sandbox } from '../../sandbox/support.js';

let sandbox: Sandbox;
let settings: { repoURL: string; imageRepo: string; ports: Record<string, number>; soak: string };

beforeAll(async () => {
  sandbox = sandboxHome();
  const started = await sandbox.kargo(['sandbox', 'start', '--example']);
  expect(started.code, started.stderr).toBe(0);
  expect(started.stdout).toContain('Example project my-web-app: 19 objects created');
  settings = JSON.parse(readFileSync(join(sandbox.stateDir, 'example', 'example.json'), 'utf8')) as typeof settings;
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

async function freight(): Promise<Freight[]> {
  const admin = await sandbox.admin();
  const deadline = Date.now() + 30_000;
  let items: Freight[] = [];
  while (items.length === 0 && Date.now() < deadline) {
    items = (await admin.list<Freight>(resources.freight, 'my-web-app')).items;
    if (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return items;
}

describe('kargo sandbox start --example', () => {
  it('creates the pipeline: five Stages (production needing both staging regions, soaked), Applications, templates, task', async () => {
    const admin = await sandbox.admin();
    const stages = (await admin.list<Stage>(resources.stage, 'my-web-app')).items;
    expect(stages.map((stage) => stage.metadata.name).sort()).toEqual(['dev', 'prod-eu', 'prod-us', 'staging-eu', 'staging-us']);
    const prod = stages.find((stage) => stage.metadata.name === 'prod-us');
    expect(prod?.spec.requestedFreight?.[0]?.sources).toEqual({
      stages: ['staging-us', 'staging-eu'],
      availabilityStrategy: 'All',
      requiredSoakTime: settings.soak,
    });
    const templates = (await admin.list(resources.analysisTemplate, 'my-web-app')).items;
    expect(templates.map((template) => template.metadata.name).sort()).toEqual(['error-rate', 'http-health-check']);
    const listed = JSON.parse((await sandbox.kargo(['get', 'promotiontasks', '-p', 'my-web-app', '-o', 'json'])).stdout) as {
      items: { metadata: { name: string } }[];
    };
    expect(listed.items.map((task) => task.metadata.name)).toEqual(['kustomize-promote']);
    const apps = (
      await admin.list(
        {
          group: 'argoproj.io',
          version: 'v1alpha1',
          kind: 'Application',
          plural: 'applications',
          singular: 'application',
          namespaced: true,
          shortNames: [],
          hasStatus: false,
        },
        'argocd',
      )
    ).items;
    expect(apps.map((app) => app.metadata.name).sort()).toEqual([
      'my-web-app-dev',
      'my-web-app-prod-eu',
      'my-web-app-prod-us',
      'my-web-app-staging-eu',
      'my-web-app-staging-us',
    ]);
    const branches = execFileSync('git', ['--git-dir', fileURLToPath(settings.repoURL), 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' });
    expect(branches).toContain('stages/prod-eu/kustomization.yaml');
  });

  it('discovers the first release and the configuration commit as one Freight', async () => {
    const [first] = await freight();
    expect(first?.images?.[0]).toMatchObject({ repoURL: settings.imageRepo, tag: '1.4.0' });
    expect(first?.commits?.[0]?.repoURL).toBe(settings.repoURL);
  });

  it('promotes to dev through git and the Argo CD stand-in, which then serves the release', async () => {
    const [first] = await freight();
    const promoted = await sandbox.kargo([
      'promote',
      '-p',
      'my-web-app',
      '--freight',
      first?.metadata.name ?? '',
      '--stage',
      'dev',
      '--wait',
      '--timeout',
      '90s',
    ]);
    expect(promoted.code, promoted.stderr).toBe(0);
    const answer = (await (await fetch(`http://127.0.0.1:${settings.ports.dev}/`)).json()) as Record<string, unknown>;
    expect(answer).toEqual({ app: 'my-web-app-dev', version: '1.4.0', healthy: true });
    const rendered = execFileSync('git', ['--git-dir', fileURLToPath(settings.repoURL), 'show', 'stage/dev:kustomization.yaml'], { encoding: 'utf8' });
    expect(rendered).toContain('newTag: 1.4.0');
  }, 120_000);

  it('keeps everything on a second --example', async () => {
    const again = await sandbox.kargo(['sandbox', 'start', '--example']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 objects created (19 already there)');
  });
});
