// The fixtures of Kargo v1.11.2's evaluator and function tests
// (pkg/promotion/evaluator_test.go, pkg/expressions/function/functions_test.go)
// as a KargoExpressionData snapshot.

import type { KargoExpressionData } from '../../../../src/engine/expressions/index.js';
import type { FreightReference, Warehouse } from '../../../../src/model/kargo.js';

const ORIGIN = { kind: 'Warehouse', name: 'fake-warehouse' };

/** evaluator_test.go TestStepEvaluator_Config's Warehouse: a git, an image and two chart subscriptions. */
export const fakeWarehouse: Warehouse = {
  metadata: { name: 'fake-warehouse', namespace: 'fake-project' },
  spec: {
    subscriptions: [
      { git: { repoURL: 'https://fake-git-repo' } },
      { image: { repoURL: 'fake-image-repo' } },
      { chart: { repoURL: 'https://fake-chart-repo', name: 'fake-chart' } },
      { chart: { repoURL: 'oci://fake-oci-repo/fake-chart' } },
      { 'fake-type': { name: 'fake-sub' } },
    ],
  },
};

export const fakeFreight: FreightReference = {
  name: 'fake-freight',
  origin: ORIGIN,
  commits: [{ repoURL: 'https://fake-git-repo', id: 'fake-commit-id' }],
  images: [{ repoURL: 'fake-image-repo', tag: 'fake-image-tag' }],
  charts: [
    { repoURL: 'https://fake-chart-repo', name: 'fake-chart', version: 'fake-chart-version' },
    { repoURL: 'oci://fake-oci-repo/fake-chart', version: 'fake-oci-chart-version' },
  ],
  artifacts: [{ subscriptionName: 'fake-sub', version: 'fake-version', metadata: { digest: 'sha256:abc' } }],
};

export function fakeData(overrides: Partial<KargoExpressionData> = {}): KargoExpressionData {
  return {
    project: 'fake-project',
    stage: 'fake-stage',
    promotion: 'fake-promotion',
    promotionActor: 'fake-creator',
    targetFreight: { name: 'fake-freight', origin: { name: 'fake-warehouse' } },
    freightRequests: [{ origin: ORIGIN, sources: { direct: true } }],
    freight: [fakeFreight],
    warehouses: [fakeWarehouse],
    ...overrides,
  };
}
