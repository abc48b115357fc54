import { describe, expect, it } from 'vitest';
import type { FreightCollection, HealthState, Promotion, PromotionPhase, VerificationInfo } from '../../../src/model/kargo.js';
import { describePendingReason, explainPendingPromotion } from '../../../src/explain/pending-reason.js';
import { type PendingReason, pendingReason } from '../../../src/rules/pending-reason.js';
import { NOW, request, stage } from './fixtures.js';

// ULIDs in increasing creation order.
const U1 = '01j5zq3xw6m8v2k4t9r7n0pqa1';
const U2 = '01j5zq3xw6m8v2k4t9r7n0pqa2';
const U3 = '01j5zq3xw6m8v2k4t9r7n0pqa3';
const U4 = '01j5zq3xw6m8v2k4t9r7n0pqa4';

function promotion(ulid: string, phase?: PromotionPhase, stageName = 'prod'): Promotion {
  return {
    metadata: { name: `${stageName}.${ulid}.abc1234`, namespace: 'demo' },
    spec: { stage: stageName, freight: 'abc1234' },
    ...(phase ? { status: { phase } } : {}),
  };
}

function prodStage(options: { current?: string; history?: VerificationInfo[]; health?: HealthState; noFreight?: boolean } = {}) {
  const collection: FreightCollection = {
    id: 'col-1',
    items: { 'Warehouse/app': { name: 'f0' } },
    ...(options.history ? { verificationHistory: options.history } : {}),
  };
  return stage('prod', [request('app', { stages: ['staging'] })], {
    status: {
      ...(options.noFreight ? {} : { freightHistory: [collection] }),
      ...(options.current ? { currentPromotion: { name: options.current } } : {}),
      ...(options.health ? { health: { status: options.health } } : {}),
    },
  });
}

const done: VerificationInfo = { id: 'v1', phase: 'Successful' };
const mine = promotion(U3, 'Pending');

const cases: [string, Promotion, ReturnType<typeof prodStage>, Promotion[], PendingReason, string][] = [
  [
    'admitted by the Stage',
    mine,
    prodStage({ current: mine.metadata.name!, history: [done] }),
    [mine],
    { kind: 'admitted' },
    'admitted by the Stage; waiting for the controller to start it',
  ],
  ['already running', promotion(U3, 'Running'), prodStage(), [], { kind: 'not-pending', phase: 'Running' }, 'no longer pending (Running)'],
  [
    'another Promotion is running',
    mine,
    prodStage({ history: [done] }),
    [mine, promotion(U4, 'Running')],
    { kind: 'running-ahead', promotion: `prod.${U4}.abc1234`, phase: 'Running' },
    `waiting for Promotion prod.${U4}.abc1234 to finish (Running); the Stage runs one Promotion at a time`,
  ],
  [
    'another Promotion is admitted but not yet running',
    mine,
    prodStage({ current: `prod.${U1}.abc1234`, history: [done] }),
    [promotion(U1, 'Pending'), mine],
    { kind: 'running-ahead', promotion: `prod.${U1}.abc1234`, phase: 'Pending' },
    `waiting for Promotion prod.${U1}.abc1234 to finish (Pending); the Stage runs one Promotion at a time`,
  ],
  [
    'queued behind older Promotions (FIFO by ULID, not list order)',
    mine,
    prodStage({ history: [done] }),
    [promotion(U4), mine, promotion(U2, 'Pending'), promotion(U1)],
    { kind: 'queued-behind', promotion: `prod.${U2}.abc1234`, position: 2 },
    `queued behind Promotion prod.${U2}.abc1234 (2 ahead); the Stage runs them oldest first`,
  ],
  [
    'terminal older Promotions do not hold the queue',
    mine,
    prodStage({ history: [done] }),
    [promotion(U1, 'Succeeded'), promotion(U2, 'Failed'), mine],
    { kind: 'awaiting-admission' },
    'first in line; waiting for the Stage to admit it',
  ],
  [
    'Promotions of other Stages are ignored',
    mine,
    prodStage({ history: [done] }),
    [promotion(U1, 'Pending', 'staging'), mine],
    { kind: 'awaiting-admission' },
    'first in line; waiting for the Stage to admit it',
  ],
  [
    'head of the queue while the current Freight is verifying',
    mine,
    prodStage({ history: [{ id: 'v2', phase: 'Running' }, done], health: 'Healthy' }),
    [mine],
    { kind: 'awaiting-verification', collection: 'col-1', verificationPhase: 'Running', health: 'Healthy' },
    "waiting for the verification of the Stage's current freight to finish (Running)",
  ],
  [
    'a non-terminal verification holds even an unhealthy Stage',
    mine,
    prodStage({ history: [{ id: 'v2', phase: 'Pending' }], health: 'Unhealthy' }),
    [mine],
    { kind: 'awaiting-verification', collection: 'col-1', verificationPhase: 'Pending', health: 'Unhealthy' },
    "waiting for the verification of the Stage's current freight to finish (Pending)",
  ],
  [
    'healthy Stage whose current Freight has no verification yet',
    mine,
    prodStage({ health: 'Healthy' }),
    [mine],
    { kind: 'awaiting-verification', collection: 'col-1', verificationPhase: '', health: 'Healthy' },
    "waiting for the Stage's current freight to be verified (verification not started yet; Stage health Healthy)",
  ],
  [
    'Stage without health yet counts as healthy',
    mine,
    prodStage(),
    [mine],
    { kind: 'awaiting-verification', collection: 'col-1', verificationPhase: '' },
    "waiting for the Stage's current freight to be verified (verification not started yet)",
  ],
  [
    'an older unfinished verification further down the history still holds',
    mine,
    prodStage({ history: [done, { id: 'v0', phase: 'Running' }], health: 'Healthy' }),
    [mine],
    { kind: 'awaiting-verification', collection: 'col-1', verificationPhase: 'Running', health: 'Healthy' },
    "waiting for the verification of the Stage's current freight to finish (Running)",
  ],
  [
    'an unhealthy Stage admits the next Promotion at once',
    mine,
    prodStage({ health: 'Unhealthy' }),
    [mine],
    { kind: 'awaiting-admission' },
    'first in line; waiting for the Stage to admit it',
  ],
  [
    'a failed verification does not hold the queue',
    mine,
    prodStage({ history: [{ id: 'v', phase: 'Failed' }], health: 'Healthy' }),
    [mine],
    { kind: 'awaiting-admission' },
    'first in line; waiting for the Stage to admit it',
  ],
  [
    'a Stage without Freight admits at once',
    mine,
    prodStage({ noFreight: true }),
    [mine],
    { kind: 'awaiting-admission' },
    'first in line; waiting for the Stage to admit it',
  ],
  [
    'a brand-new Promotion with no phase yet',
    promotion(U3),
    prodStage({ history: [done] }),
    [],
    { kind: 'awaiting-admission' },
    'first in line; waiting for the Stage to admit it',
  ],
];

describe('pendingReason', () => {
  it.each(cases)('%s', (_name, subject, target, siblings, reason, line) => {
    expect(pendingReason(subject, target, siblings)).toEqual(reason);
    expect(describePendingReason(reason)).toBe(line);
    expect(explainPendingPromotion(subject, target, siblings, NOW)).toBe(line);
  });

  it('orders hand-named Promotions before generated ones, as Kargo does', () => {
    const handNamed: Promotion = { metadata: { name: 'manual' }, spec: { stage: 'prod' }, status: { phase: 'Pending' } };
    expect(pendingReason(mine, prodStage({ history: [done] }), [mine, handNamed])).toEqual({ kind: 'queued-behind', promotion: 'manual', position: 1 });
  });
});
