import { describe, expect, it } from 'vitest';
import type { HealthState, VerificationInfo, VerificationPhase } from '../../../src/model/kargo.js';
import { verificationCaveatWords, verificationRefusalWords } from '../../../src/explain/verification.js';
import { isTerminalVerification } from '../../../src/model/phases.js';
import { annotationVerificationId, currentVerification, decideAbortVerification, decideReverify } from '../../../src/rules/verification.js';
import { request, stage } from './fixtures.js';

function withVerification(history: VerificationInfo[] | undefined, options: { health?: HealthState; promotion?: string; noFreight?: boolean } = {}) {
  return stage('prod', [request('app', { stages: ['staging'] })], {
    status: {
      freightHistory: options.noFreight
        ? []
        : [{ id: 'col', items: { 'Warehouse/app': { name: 'f1' } }, ...(history ? { verificationHistory: history } : {}) }],
      health: { status: options.health ?? 'Healthy' },
      ...(options.promotion ? { currentPromotion: { name: options.promotion } } : {}),
    },
  });
}

describe('isTerminalVerification', () => {
  it.each<[VerificationPhase | '' | undefined, boolean]>([
    ['Successful', true],
    ['Failed', true],
    ['Error', true],
    ['Aborted', true],
    ['Inconclusive', true],
    ['Pending', false],
    ['Running', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (phase, terminal) => expect(isTerminalVerification(phase)).toBe(terminal));
});

describe('currentVerification', () => {
  it('is the latest VerificationInfo of freightHistory[0]', () => {
    const latest = { id: 'v2', phase: 'Running' as const };
    expect(currentVerification(withVerification([latest, { id: 'v1', phase: 'Successful' }]))?.latest).toBe(latest);
  });
  it('is undefined without current freight', () => {
    expect(currentVerification(withVerification(undefined, { noFreight: true }))).toBeUndefined();
  });
});

describe('decideReverify', () => {
  it('allows re-verifying a finished verification, with the id in the annotation', () => {
    const decision = decideReverify(withVerification([{ id: 'v1', phase: 'Failed' }]));
    expect(decision).toEqual({
      allowed: true,
      verificationId: 'v1',
      annotation: 'kargo.akuity.io/reverify',
      value: '{"id":"v1"}',
      latest: { id: 'v1', phase: 'Failed' },
    });
  });
  it('warns when the Stage is not Healthy (Kargo will wait)', () => {
    const decision = decideReverify(withVerification([{ id: 'v1', phase: 'Successful' }], { health: 'Unhealthy' }));
    expect(decision.allowed && decision.caveat && verificationCaveatWords(decision.caveat)).toBe(
      'Stage "prod" is Unhealthy; Kargo re-verifies only once it is Healthy',
    );
  });
  it('warns while a promotion is in progress', () => {
    const decision = decideReverify(withVerification([{ id: 'v1', phase: 'Successful' }], { promotion: 'prod.x.y' }));
    expect(decision.allowed && decision.caveat && verificationCaveatWords(decision.caveat)).toBe(
      'Promotion prod.x.y is in progress; Kargo re-verifies only once it is done and the Stage is Healthy',
    );
  });
  it.each<[string, ReturnType<typeof withVerification>, string, string]>([
    [
      'no current freight',
      withVerification(undefined, { noFreight: true }),
      'no-current-freight',
      'Stage "prod" has no current freight; promote Freight to it first',
    ],
    [
      'no verification yet',
      withVerification(undefined),
      'no-verification',
      'Stage "prod" has no verification of its current freight yet (verification starts once the Stage is Healthy)',
    ],
    ['a verification without id', withVerification([{ phase: 'Successful' }]), 'no-verification-id', 'the current verification of Stage "prod" has no ID'],
    [
      'one still running',
      withVerification([{ id: 'v9', phase: 'Running' }]),
      'still-running',
      'verification v9 of Stage "prod" is still Running; wait for it to finish, or abort it with: kargo verify stage prod --abort',
    ],
  ])('refuses: %s', (_name, target, reason, message) => {
    const decision = decideReverify(target);
    expect(decision.allowed).toBe(false);
    expect(!decision.allowed && decision.reason).toBe(reason);
    expect(!decision.allowed && verificationRefusalWords(decision)).toBe(message);
  });
});

describe('decideAbortVerification', () => {
  it('allows aborting a running verification', () => {
    const latest: VerificationInfo = { id: 'v3', phase: 'Running', analysisRun: { name: 'prod.01j.col', namespace: 'demo' } };
    expect(decideAbortVerification(withVerification([latest]))).toEqual({
      allowed: true,
      verificationId: 'v3',
      annotation: 'kargo.akuity.io/abort',
      value: '{"id":"v3"}',
      latest,
    });
  });
  it('warns when there is no AnalysisRun to terminate yet', () => {
    const decision = decideAbortVerification(withVerification([{ id: 'v3', phase: 'Pending' }]));
    expect(decision.allowed && decision.caveat && verificationCaveatWords(decision.caveat)).toBe(
      'the verification has no AnalysisRun yet; Kargo records the abort as an Error',
    );
  });
  it('a finished verification is a no-op, not an error', () => {
    const decision = decideAbortVerification(withVerification([{ id: 'v3', phase: 'Successful' }]));
    expect(decision).toMatchObject({ allowed: false, reason: 'already-finished' });
    expect(!decision.allowed && verificationRefusalWords(decision)).toBe(
      'verification v3 of Stage "prod" already finished (Successful); there is nothing to abort',
    );
  });
  it('a finished verification without an id is still a no-op', () => {
    const decision = decideAbortVerification(withVerification([{ phase: 'Failed' }]));
    expect(decision).toMatchObject({ allowed: false, reason: 'already-finished' });
    expect(!decision.allowed && verificationRefusalWords(decision)).toBe('verification of Stage "prod" already finished (Failed); there is nothing to abort');
  });
  it('refuses a running verification without an id', () => {
    expect(decideAbortVerification(withVerification([{ phase: 'Running' }]))).toMatchObject({ allowed: false, reason: 'no-verification-id' });
  });
  it('refuses without current freight', () => {
    expect(decideAbortVerification(withVerification(undefined, { noFreight: true }))).toMatchObject({ allowed: false, reason: 'no-current-freight' });
  });
});

describe('annotationVerificationId', () => {
  it.each([
    ['{"id":"v1","actor":"kubernetes:bob","controlPlane":false}', 'v1'],
    ['v2', 'v2'],
    ['{"actor":"x"}', '{"actor":"x"}'],
  ])('%s → %s', (value, id) => expect(annotationVerificationId(value)).toBe(id));
});
