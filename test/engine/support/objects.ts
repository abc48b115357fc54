// Minimal Kargo objects for engine tests.

import type { Freight, Stage, Warehouse } from '../../../src/model/kargo.js';

export const WAREHOUSE_ORIGIN = { kind: 'Warehouse', name: 'apps' };

export function freightObject(name: string, project: string, extra: Partial<Freight> = {}): Freight {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name, namespace: project },
    origin: WAREHOUSE_ORIGIN,
    images: [{ repoURL: 'ghcr.io/example/app', tag: '1.2.3', digest: 'sha256:aaaa' }],
    ...extra,
  };
}

export function stageObject(name: string, project: string, extra: Partial<Stage['spec']> = {}): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project },
    spec: {
      requestedFreight: [{ origin: WAREHOUSE_ORIGIN, sources: { direct: true } }],
      promotionTemplate: { spec: { steps: [{ uses: 'fail' }] } },
      ...extra,
    },
  };
}

export function warehouseObject(name: string, project: string): Warehouse {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Warehouse',
    metadata: { name, namespace: project },
    spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/example/app' } }, { git: { repoURL: 'https://git.example.com/app.git' } }] },
  };
}
