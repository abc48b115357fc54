import { describe, expect, it } from 'vitest';
import type { FreightCollection, Stage, StageStatus, VerificationInfo } from '../../../src/model/kargo.js';
import { type TrackedCollection, verificationStanding } from '../../../src/rules/verification-tracking.js';

const OURS = 'staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f';
const OLDER = 'staging.01jd3xp00000000000000000aa.b2c3d4e';
const NEWER = 'staging.01jd3xz00000000000000000zz.a1b2c3d';

function collection(id: string, ...history: VerificationInfo[]): FreightCollection {
  return { id, items: { 'Warehouse/images': { name: `${id}-freight` } }, verificationHistory: history };
}

function stage(status: StageStatus): Stage {
  return { metadata: { name: 'staging' }, spec: {}, status };
}

const after = (info: VerificationInfo) => !info.startTime || info.startTime >= '2026-11-23T03:00:00Z';
const tracked: TrackedCollection = { collectionId: 'ours', promotionName: OURS, counts: after };
const recorded = { lastPromotion: { name: OURS } };

describe('verificationStanding', () => {
  it.each<[string, StageStatus, string]>([
    ['the Stage has not recorded our promotion yet', { freightHistory: [collection('prev')], lastPromotion: { name: OLDER } }, 'waiting'],
    [
      'an older copy of our collection lower in the history does not count before the Stage records ours',
      {
        freightHistory: [collection('prev'), collection('ours', { id: 'old', phase: 'Successful', startTime: '2026-11-20T00:00:00Z' })],
        lastPromotion: { name: OLDER },
      },
      'waiting',
    ],
    ['recorded, Stage not healthy yet', { ...recorded, freightHistory: [collection('ours')], health: { status: 'Progressing' } }, 'waiting'],
    ['recorded, healthy, verification not started', { ...recorded, freightHistory: [collection('ours')], health: { status: 'Healthy' } }, 'waiting'],
    ['running', { ...recorded, freightHistory: [collection('ours', { id: 'v1', phase: 'Running', startTime: '2026-11-23T03:00:05Z' })] }, 'running'],
    [
      'an empty phase is still running',
      { ...recorded, freightHistory: [collection('ours', { id: 'v1', phase: '', startTime: '2026-11-23T03:00:05Z' })] },
      'running',
    ],
    [
      'finished Successful',
      { ...recorded, freightHistory: [collection('ours', { id: 'v1', phase: 'Successful', startTime: '2026-11-23T03:00:05Z' })] },
      'finished',
    ],
    [
      'finished Failed (also how Kargo records an abort)',
      { ...recorded, freightHistory: [collection('ours', { id: 'v1', phase: 'Failed', startTime: '2026-11-23T03:00:05Z' })] },
      'finished',
    ],
    [
      'a verification from before our promotion does not count',
      { ...recorded, freightHistory: [collection('ours', { id: 'v0', phase: 'Failed', startTime: '2026-11-22T00:00:00Z' })], health: { status: 'Healthy' } },
      'waiting',
    ],
    ['a newer collection on top, ours unverified', { freightHistory: [collection('newer'), collection('ours')], lastPromotion: { name: NEWER } }, 'superseded'],
    [
      'a newer promotion is running while ours was never verified',
      { ...recorded, freightHistory: [collection('ours')], currentPromotion: { name: NEWER } },
      'superseded',
    ],
    [
      'a newer collection on top, but ours finished first: the result stands',
      {
        freightHistory: [collection('newer'), collection('ours', { id: 'v1', phase: 'Successful', startTime: '2026-11-23T03:00:05Z' })],
        lastPromotion: { name: NEWER },
      },
      'finished',
    ],
  ])('%s → %s', (_title, status, kind) => {
    expect(verificationStanding(stage(status), tracked).kind).toBe(kind);
  });

  it('names the promotion that superseded ours', () => {
    const standing = verificationStanding(stage({ freightHistory: [collection('newer'), collection('ours')], lastPromotion: { name: NEWER } }), tracked);
    expect(standing).toMatchObject({ kind: 'superseded', byPromotion: NEWER });
  });

  it('without a promotion (kargo verify stage --wait) only the history matters', () => {
    const reverify: TrackedCollection = { collectionId: 'ours', counts: (info) => info.id !== 'v1' };
    const status: StageStatus = { freightHistory: [collection('ours', { id: 'v2', phase: 'Running' }, { id: 'v1', phase: 'Successful' })] };
    expect(verificationStanding(stage(status), reverify)).toMatchObject({ kind: 'running', verification: { id: 'v2' } });
  });
});
