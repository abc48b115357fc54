// `kargo controller run` through the built bin/kargo.js against a sandbox:
// it refuses where a controller is at work (the sandbox's own, a live Kargo
// heartbeat Lease, Kargo's Helm-chart Deployment) unless --force, runs
// Promotions otherwise, and stops cleanly on SIGINT; --shard runs under its own lease.

import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { resources } from '../../../src/kube/resources.js';
import type { KubeObject } from '../../../src/model/kargo.js';
import { BIN, sandboxHome, type Sandbox } from '../../sandbox/support.js';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.close();
});

async function started(flags: string[]): Promise<Sandbox> {
  const sandbox = sandboxHome();
  sandboxes.push(sandbox);
  const result = await sandbox.kargo(['sandbox', 'start', ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return sandbox;
}

const CRD = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: [],
  hasStatus: true,
};

/** The sandbox serves no coordination.k8s.io or apps: define the kind as a CRD, as a cluster would serve it. */
async function serveKind(admin: KubeClient, group: string, kind: string, plural: string): Promise<void> {
  await admin.create(CRD, {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  } as unknown as KubeObject);
  // Discovery catches up with a new CRD within moments.
  for (let attempt = 0; attempt < 50 && !(await admin.isServed(group, 'v1')); attempt++) await new Promise((r) => setTimeout(r, 100));
}

function type(group: string, kind: string, plural: string) {
  return { group, version: 'v1', kind, plural, singular: kind.toLowerCase(), namespaced: true, shortNames: [], hasStatus: false };
}

async function kargoNamespace(admin: KubeClient): Promise<void> {
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kargo' } });
}

describe('kargo controller run', () => {
  it("refuses where the sandbox's embedded controller is running", async () => {
    const sandbox = await started([]);
    const result = await sandbox.kargo(['controller', 'run']);
    expect(result.code).toBe(8);
    expect(result.stderr).toContain('runs its embedded controller');
    expect(result.stderr).toContain('--force');
  }, 60_000);

  it('refuses where a live Kargo heartbeat Lease or the Helm chart Deployment is found, and starts with --force', async () => {
    const sandbox = await started(['--no-controller']);
    const admin = await sandbox.admin();
    await kargoNamespace(admin);
    await serveKind(admin, 'coordination.k8s.io', 'Lease', 'leases');
    const lease = type('coordination.k8s.io', 'Lease', 'leases');
    await admin.create(
      lease,
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'kargo-controller-default', namespace: 'kargo' },
        spec: { holderIdentity: 'kargo-controller-7d9', leaseDurationSeconds: 30, renewTime: new Date().toISOString().replace('Z', '000Z') },
      },
      'kargo',
    );
    const refused = await sandbox.kargo(['controller', 'run']);
    expect(refused.code).toBe(8);
    expect(refused.stderr).toContain('heartbeat Lease kargo/kargo-controller-default renewed');

    // A stale heartbeat (Kargo stopped without deleting it) is no sign; the chart's Deployment is.
    await admin.patch(lease, 'kargo-controller-default', { spec: { renewTime: '2026-01-01T00:00:00.000000Z' } }, 'kargo', { patchType: 'merge' });
    await serveKind(admin, 'apps', 'Deployment', 'deployments');
    await admin.create(
      type('apps', 'Deployment', 'deployments'),
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'kargo-controller', namespace: 'kargo', labels: { 'app.kubernetes.io/name': 'kargo', 'app.kubernetes.io/component': 'controller' } },
        spec: { replicas: 1 },
      },
      'kargo',
    );
    const again = await sandbox.kargo(['controller', 'run']);
    expect(again.code).toBe(8);
    expect(again.stderr).toContain("Deployment kargo/kargo-controller (Kargo's Helm chart)");
    expect(again.stderr).not.toContain('heartbeat');

    // Interrupted once it has been running a moment, as a person would.
    const forced = await runUntil(sandbox, ['controller', 'run', '--force'], 'Press Ctrl-C to stop', () => new Promise((resolve) => setTimeout(resolve, 1000)));
    expect(forced.code).toBe(130);
    expect(forced.stderr).toContain('Kargo controller stopped');
  }, 90_000);

  it('runs Promotions where no controller is at work, and stops cleanly on SIGINT', async () => {
    const sandbox = await started(['--no-controller']);
    const admin = await sandbox.admin();
    await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', labels: { 'kargo.akuity.io/project': 'true' } } });
    await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: 'demo' } });
    await admin.create(
      resources.freight,
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Freight',
        metadata: { name: 'f0f1f2f3f4f5f6f7f8f9f0f1f2f3f4f5f6f7f8f9', namespace: 'demo', labels: { 'kargo.akuity.io/alias': 'calm-otter' } },
        alias: 'calm-otter',
        origin: { kind: 'Warehouse', name: 'images' },
        images: [{ repoURL: 'ghcr.io/example/shop', tag: '1.0.0' }],
      },
      'demo',
    );
    await admin.create(
      resources.stage,
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Stage',
        metadata: { name: 'deliver', namespace: 'demo' },
        spec: {
          requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
          promotionTemplate: { spec: { steps: [{ uses: 'compose-output', as: 'out', config: { ok: 'yes' } }] } },
        },
      },
      'demo',
    );
    const run = runUntil(sandbox, ['controller', 'run'], 'Press Ctrl-C to stop', async () => {
      const promoted = await sandbox.kargo(['promote', '-p', 'demo', '--freight', 'calm-otter', '--stage', 'deliver', '--wait', '--timeout', '60s']);
      expect(promoted.code, promoted.stderr).toBe(0);
    });
    const result = await run;
    expect(result.stderr).toContain('Kargo controller running against context "kargo-sandbox"');
    expect(result.stderr).toContain('Kargo controller stopped');
    expect(result.code).toBe(130);
  }, 90_000);
});

describe('kargo controller run --shard', () => {
  it('refuses a shard that cannot name a label value and a lease (exit 2), and runs for a good one under its own lease', async () => {
    const sandbox = await started(['--no-controller']);
    const bad = await sandbox.kargo(['controller', 'run', '--shard', 'EU_West']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard "EU_West"');
    const admin = await sandbox.admin();
    let leaseHolder: string | undefined;
    const run = await runUntil(sandbox, ['controller', 'run', '--shard', 'eu-west'], 'Press Ctrl-C', async () => {
      for (let tries = 0; !leaseHolder && tries < 50; tries += 1) {
        const lease = await admin.get<KubeObject>(resources.configMap, 'kargo-cli-controller-eu-west', 'kube-system').catch(() => undefined);
        leaseHolder = lease?.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader'];
        if (!leaseHolder) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('shard "eu-west"');
    expect(leaseHolder).toBeDefined();
  }, 60_000);
});

/** Runs bin/kargo until `ready` appears on stderr, does `meanwhile`, then sends SIGINT and waits for the exit. */
function runUntil(
  sandbox: Sandbox,
  argv: string[],
  ready: string,
  meanwhile: () => Promise<void> = async () => undefined,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let began = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!began && stderr.includes(ready)) {
        began = true;
        meanwhile().then(
          () => child.kill('SIGINT'),
          (error: unknown) => {
            child.kill('SIGKILL');
            reject(error);
          },
        );
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
