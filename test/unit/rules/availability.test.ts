import { describe, expect, it } from 'vitest';
import type { Freight, FreightStatus, Stage } from '../../../src/model/kargo.js';
import { describeRefusal, summarizeAvailability } from '../../../src/explain/availability.js';
import { type AvailabilityContext, type AvailabilityVerdict, explainAvailability } from '../../../src/rules/availability.js';
import { ago, at, freight, HOUR, MINUTE, NOW, request, stage } from './fixtures.js';
import { expectGolden } from './golden.js';

const F = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function verified(upstream: string, options: { at?: number; longestSoak?: string; since?: number } = {}): FreightStatus {
  return {
    verifiedIn: { [upstream]: { verifiedAt: ago(options.at ?? 10 * MINUTE), ...(options.longestSoak ? { longestSoak: options.longestSoak } : {}) } },
    ...(options.since !== undefined ? { currentlyIn: { [upstream]: { since: ago(options.since) } } } : {}),
  };
}

function merge(...statuses: FreightStatus[]): FreightStatus {
  const merged: FreightStatus = {};
  for (const status of statuses) {
    merged.verifiedIn = { ...merged.verifiedIn, ...status.verifiedIn };
    merged.currentlyIn = { ...merged.currentlyIn, ...status.currentlyIn };
    merged.approvedFor = { ...merged.approvedFor, ...status.approvedFor };
  }
  return merged;
}

const approvedFor = (target: string): FreightStatus => ({ approvedFor: { [target]: { approvedAt: ago(5 * MINUTE) } } });
const oneOf = (stages: string[], extra: { requiredSoakTime?: string; availabilityStrategy?: 'All' | 'OneOf' | ''; direct?: boolean } = {}) => [
  request('app', { stages, ...extra }),
];
const all = (stages: string[], extra: { requiredSoakTime?: string } = {}) => oneOf(stages, { ...extra, availabilityStrategy: 'All' });

interface Case {
  name: string;
  stage: Stage;
  freight: Freight;
  context?: Partial<AvailabilityContext>;
  available: boolean;
  verdict: AvailabilityVerdict;
  summary: string;
  eligibleAt?: Date;
  remedies?: string[];
}

const cases: Case[] = [
  {
    name: 'origin not requested',
    stage: stage('prod', [request('other', { direct: true })]),
    freight: freight(F, { alias: 'jolly-penguin' }),
    available: false,
    verdict: 'origin-not-requested',
    summary: 'origin not requested',
    remedies: ['request-origin'],
  },
  {
    name: 'approval for a requested origin bypasses missing verification',
    stage: stage('prod', oneOf(['staging'])),
    freight: freight(F, { status: approvedFor('prod') }),
    available: true,
    verdict: 'approved',
    summary: 'approved',
  },
  {
    name: 'approval for a non-requested origin does not count (v1.11)',
    stage: stage('prod', [request('other', { direct: true })]),
    freight: freight(F, { status: approvedFor('prod') }),
    available: false,
    verdict: 'origin-not-requested',
    summary: 'origin not requested (approval ignored)',
  },
  {
    name: 'approval for another Stage does not count here',
    stage: stage('prod', oneOf(['staging'])),
    freight: freight(F, { status: approvedFor('qa') }),
    available: false,
    verdict: 'not-yet',
    summary: 'not verified in staging',
    remedies: ['verify', 'approve'],
  },
  {
    name: 'approval bypasses an unmet soak',
    stage: stage('prod', oneOf(['staging'], { requiredSoakTime: '24h' })),
    freight: freight(F, { status: merge(verified('staging', { since: HOUR }), approvedFor('prod')) }),
    available: true,
    verdict: 'approved',
    summary: 'approved',
  },
  {
    name: 'approval wins over direct',
    stage: stage('prod', oneOf([], { direct: true })),
    freight: freight(F, { status: approvedFor('prod') }),
    available: true,
    verdict: 'approved',
    summary: 'approved',
  },
  {
    name: 'direct with no upstream Stages',
    stage: stage('dev', oneOf([], { direct: true })),
    freight: freight(F),
    available: true,
    verdict: 'direct',
    summary: 'direct',
  },
  {
    name: 'direct overrides unverified upstream Stages',
    stage: stage('dev', oneOf(['qa', 'uat'], { direct: true, availabilityStrategy: 'All' })),
    freight: freight(F),
    available: true,
    verdict: 'direct',
    summary: 'direct',
  },
  {
    name: 'OneOf: verified in the only upstream',
    stage: stage('prod', oneOf(['staging'])),
    freight: freight(F, { status: verified('staging') }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging',
  },
  {
    name: 'OneOf: not verified in the only upstream',
    stage: stage('prod', oneOf(['staging'])),
    freight: freight(F),
    available: false,
    verdict: 'not-yet',
    summary: 'not verified in staging',
    remedies: ['verify', 'approve'],
  },
  {
    name: 'default strategy is OneOf: one of two upstreams is enough',
    stage: stage('prod', oneOf(['staging-us', 'staging-eu'])),
    freight: freight(F, { status: verified('staging-eu') }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-eu',
  },
  {
    name: 'explicit empty strategy behaves as OneOf',
    stage: stage('prod', oneOf(['staging-us', 'staging-eu'], { availabilityStrategy: '' })),
    freight: freight(F, { status: verified('staging-us') }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-us',
  },
  {
    name: 'OneOf: verified in neither upstream',
    stage: stage('prod', oneOf(['staging-us', 'staging-eu'], { availabilityStrategy: 'OneOf' })),
    freight: freight(F),
    available: false,
    verdict: 'not-yet',
    summary: 'not verified in staging-us or staging-eu',
    remedies: ['verify', 'verify', 'approve'],
  },
  {
    name: 'All: verified in every upstream',
    stage: stage('prod', all(['staging-us', 'staging-eu'])),
    freight: freight(F, { status: merge(verified('staging-us'), verified('staging-eu')) }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-us, staging-eu',
  },
  {
    name: 'All: one upstream missing',
    stage: stage('prod', all(['staging-us', 'staging-eu'])),
    freight: freight(F, { status: verified('staging-us') }),
    available: false,
    verdict: 'not-yet',
    summary: 'not verified in staging-eu (availabilityStrategy All)',
    remedies: ['verify', 'approve'],
  },
  {
    name: 'All with an empty Stage list: vacuously available',
    stage: stage('prod', all([])),
    freight: freight(F),
    available: true,
    verdict: 'all-of-none',
    summary: 'no upstream Stages listed (availabilityStrategy All)',
  },
  {
    name: 'OneOf with an empty Stage list and no direct: only approval',
    stage: stage('prod', oneOf([])),
    freight: freight(F),
    available: false,
    verdict: 'not-yet',
    summary: 'no direct or upstream source',
    remedies: ['approve'],
  },
  {
    name: 'soak met, counted from currentlyIn.since rather than verifiedAt',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { since: 2 * HOUR, at: 5 * MINUTE }) }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-us, soaked 2h/2h',
  },
  {
    name: 'soak short: remaining wait and the eligibility instant',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { since: HOUR + 12 * MINUTE }) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 1h12m/2h — eligible in 48m',
    eligibleAt: at(48 * MINUTE),
    remedies: ['wait', 'approve'],
  },
  {
    name: 'an old verifiedAt does not count when the current stay is short',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { at: 5 * HOUR, since: 30 * MINUTE }) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 30m/2h — eligible in 1h30m',
    eligibleAt: at(90 * MINUTE),
  },
  {
    name: 'longestSoak after leaving satisfies the soak',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { longestSoak: '2h30m0s' }) }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-us, soaked 2h30m/2h',
  },
  {
    name: 'longestSoak after leaving too short: waiting cannot help',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { longestSoak: '1h0m0s' }) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 1h/2h — no longer in staging-us, soak cannot grow',
    remedies: ['soak-impossible', 'approve'],
  },
  {
    name: 'a longer earlier stay counts, but the current stay decides when it is met',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { longestSoak: '1h30m0s', since: 20 * MINUTE }) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 1h30m/2h — eligible in 1h40m',
    eligibleAt: at(100 * MINUTE),
  },
  {
    name: 'controller-written longestSoak with fractional seconds just short',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { longestSoak: '1h59m59.999999999s' }) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 1h59m/2h — no longer in staging-us, soak cannot grow',
  },
  {
    name: 'controller-written longestSoak just over',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '2h' })),
    freight: freight(F, { status: verified('staging-us', { longestSoak: '2h0m0.45s' }) }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-us, soaked 2h/2h',
  },
  {
    name: 'fractional spec soak time (1.5h)',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '1.5h' })),
    freight: freight(F, { status: verified('staging-us', { since: 90 * MINUTE }) }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-us, soaked 1h30m/1h30m',
  },
  {
    name: 'a long stay without verification is not soak',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '1h' })),
    freight: freight(F, { status: { currentlyIn: { 'staging-us': { since: ago(5 * HOUR) } } } }),
    available: false,
    verdict: 'not-yet',
    summary: 'not verified in staging-us',
  },
  {
    name: 'OneOf with soak: the same upstream must be verified and soaked',
    stage: stage('prod', oneOf(['staging-us', 'staging-eu'], { requiredSoakTime: '1h' })),
    freight: freight(F, {
      status: merge(verified('staging-us'), { currentlyIn: { 'staging-eu': { since: ago(3 * HOUR) } } }),
    }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 0s/1h — no longer in staging-us, soak cannot grow',
  },
  {
    name: 'OneOf with soak: the soaked upstream satisfies it',
    stage: stage('prod', oneOf(['staging-us', 'staging-eu'], { requiredSoakTime: '1h' })),
    freight: freight(F, { status: merge(verified('staging-us', { since: 10 * MINUTE }), verified('staging-eu', { since: 2 * HOUR })) }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-eu, soaked 2h/1h',
  },
  {
    name: 'OneOf: the earliest wait wins',
    stage: stage('prod', oneOf(['staging-us', 'staging-eu'], { requiredSoakTime: '1h' })),
    freight: freight(F, { status: merge(verified('staging-us', { since: 10 * MINUTE }), verified('staging-eu', { since: 45 * MINUTE })) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-eu, soaked 45m/1h — eligible in 15m',
    eligibleAt: at(15 * MINUTE),
    remedies: ['wait', 'wait', 'approve'],
  },
  {
    name: 'All with soak met everywhere lists each upstream with its figures',
    stage: stage('prod', all(['staging-us', 'staging-eu'], { requiredSoakTime: '1h' })),
    freight: freight(F, { status: merge(verified('staging-us', { since: 3 * HOUR }), verified('staging-eu', { longestSoak: '1h5m0s' })) }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging-us, soaked 3h/1h; verified in staging-eu, soaked 1h5m/1h',
  },
  {
    name: 'All with soak: eligible when the last upstream is soaked',
    stage: stage('prod', all(['staging-us', 'staging-eu'], { requiredSoakTime: '1h' })),
    freight: freight(F, { status: merge(verified('staging-us', { since: 50 * MINUTE }), verified('staging-eu', { since: 20 * MINUTE })) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 50m/1h — eligible in 10m; verified in staging-eu, soaked 20m/1h — eligible in 40m (availabilityStrategy All)',
    eligibleAt: at(40 * MINUTE),
  },
  {
    name: 'All with soak: no eligibility instant while one upstream is unverified',
    stage: stage('prod', all(['staging-us', 'staging-eu'], { requiredSoakTime: '1h' })),
    freight: freight(F, { status: verified('staging-us', { since: 50 * MINUTE }) }),
    available: false,
    verdict: 'not-yet',
    summary: 'not verified in staging-eu; verified in staging-us, soaked 50m/1h — eligible in 10m (availabilityStrategy All)',
    remedies: ['wait', 'verify', 'approve'],
  },
  {
    name: 'control-flow upstream without soak: its verification is enough',
    stage: stage('prod', oneOf(['gate'])),
    freight: freight(F, { status: verified('gate') }),
    context: { stagesByName: new Map([['gate', stage('gate', oneOf(['staging']), { controlFlow: true })]]) },
    available: true,
    verdict: 'upstream',
    summary: 'verified in gate',
  },
  {
    name: 'control-flow upstream with soak: never met',
    stage: stage('prod', oneOf(['gate'], { requiredSoakTime: '30m' })),
    freight: freight(F, { status: verified('gate', { at: 5 * HOUR }) }),
    context: { stagesByName: new Map([['gate', stage('gate', oneOf(['staging']), { controlFlow: true })]]) },
    available: false,
    verdict: 'not-yet',
    summary: 'verified in gate, soaked 0s/30m — control-flow Stage, soak never accrues',
    remedies: ['soak-impossible', 'approve'],
  },
  {
    name: 'missing upstream Stage',
    stage: stage('prod', oneOf(['gone'])),
    freight: freight(F),
    context: { stagesByName: new Map() },
    available: false,
    verdict: 'not-yet',
    summary: 'not verified in gone',
    remedies: ['soak-impossible', 'approve'],
  },
  {
    name: 'missing Warehouse does not change availability but is reported',
    stage: stage('dev', oneOf([], { direct: true })),
    freight: freight(F),
    context: { warehouseNames: new Set(['other']) },
    available: true,
    verdict: 'direct',
    summary: 'direct (Warehouse app not found)',
  },
  {
    name: 'Freight of another project',
    stage: stage('dev', oneOf([], { direct: true })),
    freight: freight(F, { namespace: 'elsewhere' }),
    available: false,
    verdict: 'different-project',
    summary: 'Freight of another project',
  },
  {
    name: 'currentlyIn in the future (clock skew) counts as no soak',
    stage: stage('prod', oneOf(['staging-us'], { requiredSoakTime: '1h' })),
    freight: freight(F, { status: verified('staging-us', { since: -5 * MINUTE }) }),
    available: false,
    verdict: 'not-yet',
    summary: 'verified in staging-us, soaked 0s/1h — eligible in 1h5m',
    eligibleAt: at(65 * MINUTE),
  },
  {
    name: 'an empty verifiedIn entry still means verified',
    stage: stage('prod', oneOf(['staging'])),
    freight: freight(F, { status: { verifiedIn: { staging: {} } } }),
    available: true,
    verdict: 'upstream',
    summary: 'verified in staging',
  },
];

describe('explainAvailability', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('$name', (testCase) => {
    const explanation = explainAvailability(testCase.freight, testCase.stage, { now: NOW, ...testCase.context });
    expect(explanation.available).toBe(testCase.available);
    expect(explanation.verdict).toBe(testCase.verdict);
    expect(summarizeAvailability(explanation)).toBe(testCase.summary);
    expect(explanation.eligibleAt?.toISOString()).toBe(testCase.eligibleAt?.toISOString());
    if (testCase.remedies) expect(explanation.remedies.map((remedy) => remedy.kind)).toEqual(testCase.remedies);
    if (!explanation.available && explanation.verdict === 'not-yet') {
      expect(explanation.remedies.at(-1)).toEqual({ kind: 'approve' });
      expect(describeRefusal(explanation)).toContain(`kargo approve --freight ${explanation.freightAlias ?? F} --stage ${explanation.stage} --project demo`);
    }
  });

  it('reports the matched request, strategy and per-upstream figures', () => {
    const explanation = explainAvailability(
      freight(F, { alias: 'jolly-penguin', status: verified('staging-us', { since: HOUR + 12 * MINUTE, at: 30 * MINUTE }) }),
      stage('prod', oneOf(['staging-us', 'staging-eu'], { requiredSoakTime: '2h' })),
      { now: NOW },
    );
    expect(explanation.strategy).toBe('OneOf');
    expect(explanation.request?.origin).toEqual({ kind: 'Warehouse', name: 'app' });
    expect(explanation.upstreams).toEqual([
      {
        stage: 'staging-us',
        missing: false,
        controlFlow: false,
        verified: true,
        verifiedAt: ago(30 * MINUTE),
        currentlySince: ago(HOUR + 12 * MINUTE),
        soakRequiredMs: 2 * HOUR,
        soakAchievedMs: HOUR + 12 * MINUTE,
        soakRemainingMs: 48 * MINUTE,
        soakMetAt: at(48 * MINUTE),
        satisfied: false,
      },
      {
        stage: 'staging-eu',
        missing: false,
        controlFlow: false,
        verified: false,
        soakRequiredMs: 2 * HOUR,
        soakAchievedMs: 0,
        soakRemainingMs: 2 * HOUR,
        satisfied: false,
      },
    ]);
    expect(explanation.remedies).toEqual([
      { kind: 'wait', upstream: 'staging-us', remainingMs: 48 * MINUTE, until: at(48 * MINUTE) },
      { kind: 'verify', upstream: 'staging-eu', controlFlow: false },
      { kind: 'approve' },
    ]);
    expect(describeRefusal(explanation)).toContain('kargo approve --freight jolly-penguin --stage prod --project demo');
  });

  it("decides an approval remedy as data; the words name the approve command with the context's project", () => {
    const explanation = explainAvailability(freight(F), stage('prod', oneOf(['staging'])), { now: NOW, project: 'shop' });
    expect(explanation.remedies.at(-1)).toEqual({ kind: 'approve' });
    expect(describeRefusal(explanation)).toContain(`kargo approve --freight ${F} --stage prod --project shop`);
  });

  it('rejects a malformed requiredSoakTime with the duration error', () => {
    expect(() =>
      explainAvailability(freight(F, { status: verified('staging') }), stage('prod', oneOf(['staging'], { requiredSoakTime: '2 hours' })), { now: NOW }),
    ).toThrow(/invalid duration "2 hours"/u);
  });
});

describe('describeRefusal', () => {
  const gate = stage('gate', oneOf(['staging']), { controlFlow: true });
  const refusals: [string, Freight, Stage, Partial<AvailabilityContext>][] = [
    [
      'oneof-soak.txt',
      freight(F, { alias: 'jolly-penguin', status: verified('staging-us', { since: HOUR + 12 * MINUTE, at: 30 * MINUTE }) }),
      stage('prod', oneOf(['staging-us', 'staging-eu'], { requiredSoakTime: '2h' })),
      {},
    ],
    ['all-missing.txt', freight(F, { alias: 'jolly-penguin', status: verified('staging-us') }), stage('prod', all(['staging-us', 'staging-eu'])), {}],
    [
      'origin-not-requested.txt',
      freight(F, { status: approvedFor('prod') }),
      stage('prod', [request('other', { direct: true }), request('more', { direct: true })]),
      {},
    ],
    [
      'control-flow.txt',
      freight(F, { alias: 'jolly-penguin', status: verified('gate') }),
      stage('prod', oneOf(['gate'], { requiredSoakTime: '1h' })),
      { stagesByName: new Map([['gate', gate]]) },
    ],
    [
      'left-stage.txt',
      freight(F, { status: verified('qa', { longestSoak: '25m3.5s' }) }),
      stage('prod', oneOf(['qa'], { requiredSoakTime: '30m' })),
      { warehouseNames: new Set() },
    ],
  ];
  it.each(refusals)('%s', (file, item, target, context) => {
    expectGolden(`refusal-${file}`, `${describeRefusal(explainAvailability(item, target, { now: NOW, ...context }))}\n`);
  });
});
