import { describe, expect, it } from 'vitest';
import type { Freight, FreightSources, FreightStatus } from '../../../src/model/kargo.js';
import { autoPromotionCandidate } from '../../../src/rules/auto-promotion.js';
import { ago, freight, freightName, HOUR, NOW, request, stage } from './fixtures.js';

const APP = { kind: 'Warehouse', name: 'app' };
const day = (n: number) => `2026-08-${String(n).padStart(2, '0')}T10:00:00Z`;

function item(seed: string, discovered: number, status?: FreightStatus, warehouse = 'app'): Freight {
  return freight(freightName(seed), { discoveredAt: day(discovered), warehouse, ...(status ? { status } : {}) });
}

const verifiedIn = (...stages: string[]): FreightStatus => ({ verifiedIn: Object.fromEntries(stages.map((name) => [name, { verifiedAt: ago(HOUR) }])) });

function candidate(sources: FreightSources, freights: Freight[]) {
  return autoPromotionCandidate(stage('prod', [request('app', sources)]), APP, freights, NOW);
}

describe('autoPromotionCandidate', () => {
  it('direct: the newest Freight of the Warehouse by discoveredAt', () => {
    const outcome = candidate({ direct: true }, [item('a', 1), item('c', 3), item('b', 2), item('z', 9, undefined, 'other')]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('c'));
  });

  it('ties on discoveredAt break by name, descending', () => {
    const outcome = candidate({ direct: true }, [item('a', 3), item('b', 3)]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('b'));
  });

  it('falls back to creationTimestamp when discoveredAt is absent', () => {
    const older = item('b', 1);
    const newer: Freight = { ...freight(freightName('a')), metadata: { ...freight(freightName('a')).metadata, creationTimestamp: day(5) } };
    const outcome = candidate({ direct: true }, [older, newer]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('a'));
  });

  it('upstream OneOf: the newest verified one, not the newest overall', () => {
    const outcome = candidate({ stages: ['staging'] }, [item('a', 1, verifiedIn('staging')), item('b', 2)]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('a'));
  });

  it('approved Freight is listed too', () => {
    const outcome = candidate({ stages: ['staging'] }, [item('a', 1, verifiedIn('staging')), item('b', 2, { approvedFor: { prod: {} } })]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('b'));
  });

  it('All: only Freight verified in every upstream', () => {
    const outcome = candidate({ stages: ['us', 'eu'], availabilityStrategy: 'All' }, [item('a', 1, verifiedIn('us', 'eu')), item('b', 2, verifiedIn('us'))]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('a'));
  });

  it('OneOf with soak: a soak in any verified Stage counts in the list (unlike §2.1)', () => {
    const soakedElsewhere = item('a', 1, { verifiedIn: { staging: {}, qa: { longestSoak: '3h0m0s' } } });
    const outcome = candidate({ stages: ['staging'], requiredSoakTime: '2h' }, [soakedElsewhere]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('a'));
  });

  it('All with soak: a superset of soaked Stages drops the Freight from the list', () => {
    const superset = item('a', 1, { verifiedIn: { us: { longestSoak: '3h0m0s' }, eu: { longestSoak: '3h0m0s' }, qa: { longestSoak: '3h0m0s' } } });
    const outcome = candidate({ stages: ['us', 'eu'], availabilityStrategy: 'All', requiredSoakTime: '2h' }, [superset]);
    expect(outcome).toMatchObject({ kind: 'none', reason: 'no-available-freight', message: 'no Freight from Warehouse/app is available to Stage "prod"' });
  });

  it('soak measured from currentlyIn.since', () => {
    const soaking = item('b', 2, { verifiedIn: { staging: {} }, currentlyIn: { staging: { since: ago(HOUR) } } });
    const soaked = item('a', 1, { verifiedIn: { staging: {} }, currentlyIn: { staging: { since: ago(3 * HOUR) } } });
    const outcome = candidate({ stages: ['staging'], requiredSoakTime: '2h' }, [soaking, soaked]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('a'));
  });

  it('MatchUpstream: the one Freight currently in the upstream', () => {
    const outcome = candidate({ stages: ['staging'], autoPromotionOptions: { selectionPolicy: 'MatchUpstream' } }, [
      item('a', 1, { ...verifiedIn('staging'), currentlyIn: { staging: { since: ago(HOUR) } } }),
      item('b', 2, verifiedIn('staging')),
    ]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('a'));
  });

  it('MatchUpstream with more than one qualifying Freight yields none', () => {
    const current = { ...verifiedIn('staging'), currentlyIn: { staging: { since: ago(HOUR) } } };
    const outcome = candidate({ stages: ['staging'], autoPromotionOptions: { selectionPolicy: 'MatchUpstream' } }, [
      item('a', 1, current),
      item('b', 2, current),
    ]);
    expect(outcome).toMatchObject({ kind: 'none', reason: 'match-upstream-ambiguous' });
    expect(outcome.considered).toHaveLength(2);
  });

  it('All with no upstream Stages lists every Freight of the origin, soak or not', () => {
    const outcome = candidate({ stages: [], availabilityStrategy: 'All', requiredSoakTime: '2h' }, [item('a', 1), item('b', 2, verifiedIn('qa'))]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('b'));
  });

  it('OneOf with no upstream Stages lists only approved Freight', () => {
    const outcome = candidate({ stages: [] }, [item('a', 1, { approvedFor: { prod: {} } }), item('b', 2)]);
    expect(outcome.kind === 'candidate' && outcome.freight.metadata.name).toBe(freightName('a'));
  });

  it('a missing Warehouse yields no candidate, as Kargo errors', () => {
    const outcome = autoPromotionCandidate(stage('prod', [request('app', { direct: true })]), APP, [item('a', 1)], NOW, { warehouseNames: new Set(['other']) });
    expect(outcome).toEqual({ kind: 'none', reason: 'warehouse-not-found', message: 'Warehouse "app" not found in namespace "demo"', considered: [] });
  });

  it('an origin the Stage does not request', () => {
    const outcome = autoPromotionCandidate(stage('prod', [request('other', { direct: true })]), APP, [item('a', 1)], NOW);
    expect(outcome).toEqual({
      kind: 'none',
      reason: 'origin-not-requested',
      message: 'Stage "prod" does not request Freight from Warehouse/app',
      considered: [],
    });
  });
});
