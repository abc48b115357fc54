// The Stage's health as Kargo's assessHealth decides it, given what the
// health checks found (argocd-health.test.ts covers the checks themselves).

import { describe, expect, it } from 'vitest';
import { assessHealth } from '../../src/controller/promotions/stage-health.js';
import type { Stage, StageHealth, StageStatus } from '../../src/model/kargo.js';

const NOW = '2026-12-02T18:00:00Z';
const stage: Stage = { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 'dev', namespace: 'shop', generation: 2 }, spec: {} };

function assessed(status: StageStatus, checked?: StageHealth): StageStatus {
  const copy = structuredClone(status);
  assessHealth(stage, copy, NOW, checked);
  return copy;
}

const healthy = (status: StageStatus) => status.conditions?.find((condition) => condition.type === 'Healthy');

describe('assessHealth', () => {
  it('is Unknown while a Promotion is in progress', () => {
    const status = assessed({ currentPromotion: { name: 'p' }, lastPromotion: { name: 'o', status: { phase: 'Succeeded' } } });
    expect(status.health).toEqual({ status: 'Unknown', issues: ['Cannot assess health because a Promotion is currently in progress'] });
    expect(healthy(status)).toMatchObject({ status: 'Unknown', reason: 'ActivePromotion', message: 'Stage has a Promotion in progress' });
  });

  it('has no health without Freight, and Unknown after a Promotion that did not succeed', () => {
    expect(assessed({ health: { status: 'Healthy' } }).health).toBeUndefined();
    expect(healthy(assessed({}))).toMatchObject({ status: 'Unknown', reason: 'NoFreight' });
    const failed = assessed({ lastPromotion: { name: 'p', status: { phase: 'Failed' } } });
    expect(failed.health).toEqual({ status: 'Unknown', issues: ['Cannot assess health because last Promotion did not succeed'] });
    expect(healthy(failed)).toMatchObject({ status: 'Unknown', reason: 'LastPromotionFailed' });
  });

  it('is Healthy after a successful Promotion with no health checks', () => {
    const none = assessed({ lastPromotion: { name: 'p', status: { phase: 'Succeeded' } } });
    expect(none.health).toEqual({ status: 'Healthy' });
    expect(healthy(none)).toMatchObject({ status: 'True', reason: 'Healthy', message: 'Stage is healthy (performed 0 health checks)', observedGeneration: 2 });
  });

  it('takes what the health checks found: the Healthy condition per state, with Kargo words', () => {
    const last = { name: 'p', status: { phase: 'Succeeded' as const, healthChecks: [{ uses: 'argocd-update', config: { apps: [] } }] } };
    const good = assessed({ lastPromotion: last }, { status: 'Healthy' });
    expect(healthy(good)).toMatchObject({ status: 'True', reason: 'Healthy', message: 'Stage is healthy (performed 1 health checks)' });
    const bad = assessed({ lastPromotion: last }, { status: 'Unhealthy', issues: ['a', 'b'] });
    expect(bad.health).toEqual({ status: 'Unhealthy', issues: ['a', 'b'] });
    expect(healthy(bad)).toMatchObject({ status: 'False', reason: 'Unhealthy', message: 'Stage is unhealthy (2 issues in 1 health checks)' });
    const moving = assessed({ lastPromotion: last }, { status: 'Progressing', issues: ['x'] });
    expect(healthy(moving)).toEqual({ type: 'Healthy', status: 'Unknown', reason: 'Progressing', message: '', observedGeneration: 2, lastTransitionTime: NOW });
  });
});
