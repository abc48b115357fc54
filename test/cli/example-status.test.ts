// The quick start's status fixtures applied as scripts/apply-example-status.mjs
// applies them, on any day: times read as of now (the same soaks the tests' fixed
// clock sees), and the promotion the examples say is refused is refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePatches } from '../../scripts/apply-example-status.mjs';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { PROJECT, readExampleObjects, typeOf } from './support/examples.js';
import type { KubeObject } from '../../src/model/kargo.js';
import { captureStream, isolatedHome, parseTable, runKargo } from './support/run-kargo.js';

let cluster: TestCluster;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin: KubeClient = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  for (const object of readExampleObjects()) {
    const type = typeOf(object);
    await admin.create(type, object, type.namespaced ? object.metadata.namespace : undefined);
  }
  for (const { subresource, ...patch } of examplePatches(Date.now())) {
    const type = typeOf(patch as KubeObject);
    if (subresource === 'none') await admin.patch(type, patch.metadata.name, { discoveredAt: patch.discoveredAt }, patch.metadata.namespace);
    else await admin.patch(type, patch.metadata.name, { status: patch.status }, patch.metadata.namespace, { subresource: 'status' });
  }
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT };
});

afterAll(async () => {
  await cluster?.close();
});

describe('example status applied relative to now', () => {
  it('reads the same soaks on any day, and brave-heron has not soaked an hour in staging yet', async () => {
    const result = await runKargo(['get', 'freight', '--stage', 'prod-us'], { env, now: new Date() });
    expect(result.code).toBe(0);
    const rows = new Map(parseTable(result.stdout).map((row) => [row[1], row]));
    expect(rows.get('steady-otter')?.[3]).toBe('yes');
    expect(rows.get('steady-otter')?.[4]).toContain('soaked 114h4m/1h');
    expect(rows.get('brave-heron')?.[3]).toBe('no');
    expect(rows.get('brave-heron')?.slice(4).join(' ')).toMatch(/soak/);
    // AGE (from discoveredAt) as at the fixtures' own time: quiet-lynx was found 13 hours before.
    expect(rows.get('quiet-lynx')?.at(-1)).toBe('13h');
  });

  it('refuses the promotion the examples say is refused (exit 8), and status shows no stale soak', async () => {
    const refused = await runKargo(['promote', '--freight', 'brave-heron', '--stage', 'prod-us'], { env, now: new Date() });
    expect(refused.code).toBe(8);
    const status = await runKargo(['status'], { env, now: new Date() });
    expect(status.code).toBe(0);
    expect(status.stdout).not.toMatch(/\b(2[0-9]{2}|[3-9][0-9]{2})h/);
  });
});
