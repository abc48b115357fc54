// `kargo sandbox start` runs the embedded Kargo controller in the server
// process: a Promotion made with the built bin/kargo.js runs to Succeeded, the
// result survives a restart, and `--no-controller` leaves Promotions Pending.

import { afterEach, describe, expect, it } from 'vitest';
import { resources } from '../../../src/kube/resources.js';
import type { KubeClient } from '../../../src/kube/client.js';
import type { Stage } from '../../../src/model/kargo.js';
import { sandboxHome, type Sandbox } from '../../sandbox/support.js';

const PROJECT = 'demo';
const FREIGHT = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const sandboxes: Sandbox[] = [];

afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.close();
});

function open(): Sandbox {
  const sandbox = sandboxHome();
  sandboxes.push(sandbox);
  return sandbox;
}

async function createProject(admin: KubeClient): Promise<void> {
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT, labels: { 'kargo.akuity.io/project': 'true' } } });
  await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: PROJECT } });
  await admin.create(
    resources.warehouse,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'images', namespace: PROJECT },
      spec: { freightCreationPolicy: 'Manual', subscriptions: [{ image: { repoURL: 'ghcr.io/example/shop' } }] },
    },
    PROJECT,
  );
  await admin.create(
    resources.freight,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: FREIGHT, namespace: PROJECT, labels: { 'kargo.akuity.io/alias': 'calm-otter' } },
      alias: 'calm-otter',
      origin: { kind: 'Warehouse', name: 'images' },
      images: [{ repoURL: 'ghcr.io/example/shop', tag: '1.0.0' }],
    },
    PROJECT,
  );
  await admin.create(
    resources.stage,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Stage',
      metadata: { name: 'deliver', namespace: PROJECT },
      spec: {
        requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
        promotionTemplate: { spec: { steps: [{ uses: 'compose-output', as: 'summary', config: { tag: '${{ imageFrom("ghcr.io/example/shop").Tag }}' } }] } },
      },
    },
    PROJECT,
  );
}

describe('kargo sandbox start: the embedded controller', () => {
  it('runs a Promotion to Succeeded, and the Stage keeps it across a restart', async () => {
    const sandbox = open();
    const started = await sandbox.kargo(['sandbox', 'start']);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain('Kargo controller: running');
    await createProject(await sandbox.admin());

    const promoted = await sandbox.kargo(['promote', '-p', PROJECT, '--freight', 'calm-otter', '--stage', 'deliver', '--wait', '--timeout', '60s']);
    expect(promoted.code, promoted.stderr).toBe(0);

    expect((await sandbox.kargo(['sandbox', 'stop'])).code).toBe(0);
    const restarted = await sandbox.kargo(['sandbox', 'start']);
    expect(restarted.code, restarted.stderr).toBe(0);
    const stage = await (await sandbox.admin()).get<Stage>(resources.stage, 'deliver', PROJECT);
    expect(stage.status?.lastPromotion?.status?.phase).toBe('Succeeded');
    expect(stage.status?.freightHistory?.[0]?.items?.['Warehouse/images']?.name).toBe(FREIGHT);
    const status = await sandbox.kargo(['sandbox', 'status']);
    expect(status.stdout).toContain('Kargo controller: running');
  }, 120_000);

  it('--no-controller serves only the API: a Promotion stays Pending', async () => {
    const sandbox = open();
    const started = await sandbox.kargo(['sandbox', 'start', '--no-controller']);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain('Kargo controller: off');
    await createProject(await sandbox.admin());

    const promoted = await sandbox.kargo(['promote', '-p', PROJECT, '--freight', 'calm-otter', '--stage', 'deliver', '--wait', '--timeout', '3s']);
    expect(promoted.code).toBe(124);
    const listed = await sandbox.kargo(['get', 'promotions', '-p', PROJECT, '-o', 'json']);
    const phases = (JSON.parse(listed.stdout) as { items: { status?: { phase?: string } }[] }).items.map((item) => item.status?.phase ?? '');
    expect(phases.every((phase) => phase === '' || phase === 'Pending')).toBe(true);
    expect((await sandbox.kargo(['sandbox', 'status'])).stdout).toContain('Kargo controller: off');
  }, 120_000);
});
