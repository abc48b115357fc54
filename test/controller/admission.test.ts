// The Stage's side of promotions (Kargo's syncPromotions), as a pure function:
// which Promotion is admitted, when the verification gate holds the queue,
// and how finished Promotions are recorded.

import { describe, expect, it } from 'vitest';
import { syncPromotions } from '../../src/controller/promotions/admission.js';
import type { FreightCollection, Promotion, PromotionPhase, Stage, StageStatus } from '../../src/model/kargo.js';

const NOW = '2026-12-02T18:00:00Z';
const ULIDS = ['01jjqaq7qacfn766tcp1nqz2z1', '01jjqaq7qacfn766tcp1nqz2z2', '01jjqaq7qacfn766tcp1nqz2z3'];

function promotion(index: number, phase: PromotionPhase | '', extra: Promotion['status'] = {}): Promotion {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: { name: `dev.${ULIDS[index]}.abcdef${index}`, namespace: 'shop' },
    spec: { stage: 'dev', freight: `f${index}`, steps: [{ uses: 'fail' }] },
    status: { phase, ...extra },
  };
}

function stage(status: StageStatus = {}): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'dev', namespace: 'shop', generation: 3 },
    spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }] },
    status,
  };
}

function collection(name: string, verificationHistory: FreightCollection['verificationHistory'] = []): FreightCollection {
  return { id: `id-${name}`, items: { 'Warehouse/images': { name } }, verificationHistory };
}

const nameOf = (index: number) => `dev.${ULIDS[index]}.abcdef${index}`;

describe('syncPromotions', () => {
  it('admits the oldest non-terminal Promotion, with the Promoting condition', () => {
    const status = syncPromotions(stage(), [promotion(1, 'Pending'), promotion(0, 'Pending'), promotion(2, '')], NOW);
    expect(status.currentPromotion).toEqual({ name: nameOf(0) });
    expect(status.conditions).toEqual([
      {
        type: 'Promoting',
        status: 'True',
        reason: 'ActivePromotion',
        message: `Promotion "${nameOf(0)}" is currently Pending`,
        observedGeneration: 3,
        lastTransitionTime: NOW,
      },
    ]);
  });

  it('keeps a Running Promotion ahead of older Pending ones', () => {
    const status = syncPromotions(
      stage({ currentPromotion: { name: nameOf(1) } }),
      [promotion(0, 'Pending'), promotion(1, 'Running', { freight: { name: 'f1' } })],
      NOW,
    );
    expect(status.currentPromotion).toEqual({ name: nameOf(1), freight: { name: 'f1' } });
  });

  it('holds the queue while the current Freight is being verified, whatever the health', () => {
    for (const health of [undefined, 'Healthy', 'Unhealthy'] as const) {
      const current = collection('f9', [{ id: 'v1', phase: 'Running' }]);
      const status = syncPromotions(stage({ freightHistory: [current], ...(health ? { health: { status: health } } : {}) }), [promotion(0, 'Pending')], NOW);
      expect(status.currentPromotion).toBeUndefined();
    }
  });

  it('holds a healthy (or unassessed) Stage until its current Freight has a verification result; an unhealthy one admits at once', () => {
    const unverified = [collection('f9')];
    expect(syncPromotions(stage({ freightHistory: unverified }), [promotion(0, 'Pending')], NOW).currentPromotion).toBeUndefined();
    expect(
      syncPromotions(stage({ freightHistory: unverified, health: { status: 'Healthy' } }), [promotion(0, 'Pending')], NOW).currentPromotion,
    ).toBeUndefined();
    expect(syncPromotions(stage({ freightHistory: unverified, health: { status: 'Unhealthy' } }), [promotion(0, 'Pending')], NOW).currentPromotion?.name).toBe(
      nameOf(0),
    );
    const failed = [collection('f9', [{ id: 'v1', phase: 'Failed' }])];
    expect(syncPromotions(stage({ freightHistory: failed, health: { status: 'Healthy' } }), [promotion(0, 'Pending')], NOW).currentPromotion?.name).toBe(
      nameOf(0),
    );
  });

  it('when the current Promotion ends, records every newly finished one oldest first; Succeeded ones push their collection', () => {
    const before = stage({
      currentPromotion: { name: nameOf(2) },
      conditions: [{ type: 'Promoting', status: 'True', reason: 'ActivePromotion', lastTransitionTime: NOW }],
      lastPromotion: { name: nameOf(0) },
      freightHistory: [collection('f0', [{ id: 'v0', phase: 'Successful' }])],
      health: { status: 'Healthy' },
    });
    const promotions = [
      promotion(0, 'Succeeded', { freightCollection: collection('f0') }),
      promotion(1, 'Failed', { message: 'boom', finishedAt: '2026-12-02T17:58:00Z', startedAt: '2026-12-02T17:57:00Z' }),
      promotion(2, 'Succeeded', {
        freight: { name: 'f2' },
        freightCollection: collection('f2'),
        startedAt: '2026-12-02T17:58:30Z',
        finishedAt: '2026-12-02T17:59:00Z',
      }),
    ];
    const status = syncPromotions(before, promotions, NOW);
    expect(status.currentPromotion).toBeUndefined();
    expect(status.lastPromotion).toEqual({ name: nameOf(2), finishedAt: '2026-12-02T17:59:00Z', freight: { name: 'f2' }, status: promotions[2]?.status });
    expect(status.freightHistory?.map((entry) => entry.id)).toEqual(['id-f2', 'id-f0']);
    expect(status.health).toBeUndefined();
    expect(status.conditions?.map((condition) => [condition.type, condition.status, condition.reason])).toEqual([
      ['Healthy', 'Unknown', 'WaitingForHealthCheck'],
      ['Verified', 'Unknown', 'WaitingForVerification'],
    ]);
  });

  it('a Promotion aborted before it ran keeps the collection the Stage already had', () => {
    const previous = collection('f0');
    const before = stage({
      currentPromotion: { name: nameOf(1) },
      lastPromotion: { name: nameOf(0), status: { phase: 'Succeeded', freightCollection: previous } },
    });
    const status = syncPromotions(
      before,
      [promotion(0, 'Succeeded', { freightCollection: previous }), promotion(1, 'Aborted', { message: 'Promotion terminated per user request' })],
      NOW,
    );
    expect(status.lastPromotion?.name).toBe(nameOf(1));
    expect(status.lastPromotion?.status).toMatchObject({ phase: 'Aborted', freightCollection: previous });
  });

  it('with no Promotions left, forgets any current one', () => {
    const status = syncPromotions(stage({ currentPromotion: { name: 'gone' }, conditions: [{ type: 'Promoting', status: 'True' }] }), [], NOW);
    expect(status.currentPromotion).toBeUndefined();
    expect(status.conditions).toEqual([]);
  });
});
