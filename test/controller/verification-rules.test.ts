// The pure parts of verification, with Kargo's facts: AnalysisTemplates
// flattened and args merged (pkg/rollouts/analysis_template.go), run names
// (pkg/rollouts/options.go), reverify/abort requests (pkg/api/annotations.go),
// the history stack and the Verified condition (regular_stages.go).

import { describe, expect, it } from 'vitest';
import { flattenTemplates, mergeArgs } from '../../src/controller/verification/flatten-templates.js';
import { updateOrPush } from '../../src/controller/verification/history.js';
import { abortRequestOf, isFor, reverifyRequestOf } from '../../src/controller/verification/request.js';
import { analysisRunName } from '../../src/controller/verification/run-name.js';
import { setVerifiedCondition } from '../../src/controller/verification/verified-condition.js';
import type { Metric } from '../../src/model/analysis.js';
import type { FreightCollection, StageStatus, VerificationInfo } from '../../src/model/kargo.js';

const metric = (name: string): Metric => ({ name, provider: { web: { url: 'http://x' } } });
const NOW = '2026-12-02T20:00:00Z';

describe('flattenTemplates and mergeArgs', () => {
  it('concatenates metrics, dry-run and retention entries and combines args by name', () => {
    const flat = flattenTemplates([
      { metrics: [metric('a')], args: [{ name: 'x' }, { name: 'y', value: '1' }], dryRun: [{ metricName: 'a' }] },
      {
        metrics: [metric('b')],
        args: [
          { name: 'x', value: '2' },
          { name: 'y', value: '1' },
        ],
        measurementRetention: [{ metricName: 'b', limit: 3 }],
      },
    ]);
    expect(flat.metrics.map((entry) => entry.name)).toEqual(['a', 'b']);
    expect(flat.args).toEqual([
      { name: 'x', value: '2' },
      { name: 'y', value: '1' },
    ]);
    expect(flat.dryRun).toEqual([{ metricName: 'a' }]);
    expect(flat.measurementRetention).toEqual([{ metricName: 'b', limit: 3 }]);
  });

  it('refuses a metric twice and conflicting arg values, in Kargo words', () => {
    expect(() => flattenTemplates([{ metrics: [metric('a')] }, { metrics: [metric('a')] }])).toThrow('flatten metrics: duplicate metric name: "a"');
    expect(() =>
      flattenTemplates([
        { metrics: [], args: [{ name: 'x', value: '1' }] },
        { metrics: [], args: [{ name: 'x', value: '2' }] },
      ]),
    ).toThrow('flatten arguments: conflicting values for argument "x": "1" and "2"');
    expect(() => flattenTemplates([{ metrics: [], dryRun: [{ metricName: 'a' }, { metricName: 'a' }] }])).toThrow('duplicate dry-run metric name: "a"');
  });

  it("puts the Stage args over the templates' (only names they declare) and needs every arg resolved", () => {
    expect(
      mergeArgs(
        [
          { name: 'x', value: 'stage' },
          { name: 'other', value: 'z' },
        ],
        [{ name: 'x', value: 'template' }],
      ),
    ).toEqual([{ name: 'x', value: 'stage' }]);
    const secret = { secretKeyRef: { name: 's', key: 'k' } };
    expect(mergeArgs([], [{ name: 'x', valueFrom: secret }])).toEqual([{ name: 'x', valueFrom: secret }]);
    expect(() => mergeArgs([{ name: 'x' }], [{ name: 'x' }])).toThrow('validate merged arguments: unresolved argument "x": neither Value nor ValueFrom is set');
  });
});

describe('analysisRunName', () => {
  it('is <stage>.<ulid>.<collection[:7]>, lower-cased, the Stage cut at 218 characters', () => {
    expect(analysisRunName('Dev', 'abcdef0123456789', '01JJQAQ7QACFN766TCP1NQZ2ZV')).toBe('dev.01jjqaq7qacfn766tcp1nqz2zv.abcdef0');
    const long = analysisRunName(`${'s'.repeat(217)}-tail`, 'abcdef0123', '01JJQAQ7QACFN766TCP1NQZ2ZV');
    expect(long).toBe(`${'s'.repeat(217)}-.01jjqaq7qacfn766tcp1nqz2zv.abcdef0`);
    expect(long.length).toBe(253);
  });
});

describe('reverify and abort requests', () => {
  it('reads JSON or a plain id; anything else is no request', () => {
    expect(reverifyRequestOf({ 'kargo.akuity.io/reverify': '{"id":"v1","actor":"admin","controlPlane":true}' })).toEqual({
      id: 'v1',
      actor: 'admin',
      controlPlane: true,
    });
    expect(abortRequestOf({ 'kargo.akuity.io/abort': 'v2' })).toEqual({ id: 'v2' });
    expect(reverifyRequestOf({ 'kargo.akuity.io/reverify': '{"actor":"admin"}' })).toBeUndefined();
    expect(reverifyRequestOf({ 'kargo.akuity.io/reverify': '"v1"' })).toBeUndefined();
    expect(reverifyRequestOf({})).toBeUndefined();
    expect(isFor({ id: 'v1' }, 'v1')).toBe(true);
    expect(isFor({ id: 'v1' }, 'v2')).toBe(false);
    expect(isFor(undefined, 'v1')).toBe(false);
  });
});

describe('the verification history and the Verified condition', () => {
  it('replaces an entry by id in place, pushes a new one on top, keeps ten', () => {
    const collection: FreightCollection = {
      verificationHistory: Array.from({ length: 10 }, (_, index) => ({ id: `v${index}`, phase: 'Successful' as const })),
    };
    updateOrPush(collection, { id: 'v3', phase: 'Failed' });
    expect(collection.verificationHistory?.[3]).toEqual({ id: 'v3', phase: 'Failed' });
    updateOrPush(collection, { id: 'new', phase: 'Pending' });
    expect(collection.verificationHistory?.map((info) => info.id)).toEqual(['new', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']);
  });

  it.each<[VerificationInfo['phase'], string, string, string]>([
    ['Pending', 'Unknown', 'VerificationPending', 'Freight is pending verification'],
    ['Running', 'Unknown', 'VerificationRunning', 'Freight is currently being verified'],
    ['Failed', 'False', 'VerificationFailed', 'boom'],
    ['Error', 'False', 'VerificationError', 'boom'],
    ['Aborted', 'False', 'VerificationAborted', 'boom'],
    ['Inconclusive', 'Unknown', 'VerificationInconclusive', 'boom'],
  ])('a latest %s verification is %s/%s', (phase, status, reason, message) => {
    const stage: StageStatus = { freightHistory: [{ verificationHistory: [{ id: 'v', phase, message: 'boom' }] }] };
    setVerifiedCondition(stage, 3, NOW);
    expect(stage.conditions).toEqual([{ type: 'Verified', status, reason, message, observedGeneration: 3, lastTransitionTime: NOW }]);
  });

  it('is Verified once any entry succeeded, whatever came after', () => {
    const stage: StageStatus = {
      freightHistory: [
        {
          verificationHistory: [
            { id: 'b', phase: 'Failed' },
            { id: 'a', phase: 'Successful' },
          ],
        },
      ],
    };
    setVerifiedCondition(stage, undefined, NOW);
    expect(stage.conditions?.[0]).toMatchObject({ status: 'True', reason: 'Verified', message: 'Freight has been verified' });
  });
});
