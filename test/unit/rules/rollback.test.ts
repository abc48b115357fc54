import { describe, expect, it } from 'vitest';
import type { Freight, FreightCollection, VerificationInfo } from '../../../src/model/kargo.js';
import { chooseRollbackTarget, type RollbackChoice, RollbackError } from '../../../src/rules/rollback.js';
import { freight, request, stage } from './fixtures.js';

const ok: VerificationInfo = { id: 'v-ok', phase: 'Successful' };
const failed: VerificationInfo = { id: 'v-bad', phase: 'Failed' };
const running: VerificationInfo = { id: 'v-run', phase: 'Running' };

function collection(id: string, items: Record<string, string>, verificationHistory?: VerificationInfo[]): FreightCollection {
  return {
    id,
    items: Object.fromEntries(
      Object.entries(items).map(([warehouse, name]) => [`Warehouse/${warehouse}`, { name, origin: { kind: 'Warehouse', name: warehouse } }]),
    ),
    ...(verificationHistory ? { verificationHistory } : {}),
  };
}

function prod(history: FreightCollection[]) {
  return stage('prod', [request('app', { stages: ['staging'] }), request('cfg', { stages: ['staging'] })], { status: { freightHistory: history } });
}

const f = (seed: string) => (seed + '0'.repeat(40)).slice(0, 40);

interface Case {
  name: string;
  history: FreightCollection[];
  to?: string;
  freight?: Freight[];
  expect: { index: number; toPromote: string[]; verifiedBy: RollbackChoice['verifiedBy'] } | { error: RollbackError['reason']; message: string };
}

const cases: Case[] = [
  {
    name: 'the previous collection, verified',
    history: [collection('c3', { app: f('c') }, [ok]), collection('c2', { app: f('b') }, [ok]), collection('c1', { app: f('a') }, [ok])],
    expect: { index: 1, toPromote: [f('b')], verifiedBy: 'verification-history' },
  },
  {
    name: 'skips a previous collection whose verification failed',
    history: [collection('c3', { app: f('c') }, [ok]), collection('c2', { app: f('b') }, [failed]), collection('c1', { app: f('a') }, [failed, ok])],
    expect: { index: 2, toPromote: [f('a')], verifiedBy: 'verification-history' },
  },
  {
    name: 'skips one still verifying when it was replaced',
    history: [collection('c3', { app: f('c') }), collection('c2', { app: f('b') }, [running]), collection('c1', { app: f('a') }, [ok])],
    expect: { index: 2, toPromote: [f('a')], verifiedBy: 'verification-history' },
  },
  {
    name: 'skips an entry holding the same Freight as now (a re-promotion)',
    history: [collection('c2', { app: f('b') }, [ok]), collection('c2', { app: f('b') }, [ok]), collection('c1', { app: f('a') }, [ok])],
    expect: { index: 2, toPromote: [f('a')], verifiedBy: 'verification-history' },
  },
  {
    name: 'without verification history, falls back to Freight verifiedIn[stage]',
    history: [collection('c3', { app: f('c') }, [ok]), collection('c2', { app: f('b') }), collection('c1', { app: f('a') })],
    freight: [freight(f('b')), freight(f('a'), { status: { verifiedIn: { prod: {} } } })],
    expect: { index: 2, toPromote: [f('a')], verifiedBy: 'freight-verified-in' },
  },
  {
    name: 'verifiedIn of another Stage does not count',
    history: [collection('c2', { app: f('b') }, [ok]), collection('c1', { app: f('a') })],
    freight: [freight(f('a'), { status: { verifiedIn: { staging: {} } } })],
    expect: {
      error: 'no-previous-verified',
      message: 'none of the 1 earlier freight collections of Stage "prod" was verified there; name one explicitly with --to',
    },
  },
  {
    name: 'multi-origin: the whole previous collection, only the changed items promoted',
    history: [
      collection('c3', { app: f('a2'), cfg: f('c2') }, [ok]),
      collection('c2', { app: f('a1'), cfg: f('c2') }, [ok]),
      collection('c1', { app: f('a1'), cfg: f('c1') }, [ok]),
    ],
    expect: { index: 1, toPromote: [f('a1')], verifiedBy: 'verification-history' },
  },
  {
    name: 'multi-origin: several items differ',
    history: [collection('c3', { app: f('a2'), cfg: f('c2') }, [ok]), collection('c1', { app: f('a1'), cfg: f('c1') }, [ok])],
    expect: { index: 1, toPromote: [f('a1'), f('c1')], verifiedBy: 'verification-history' },
  },
  {
    name: 'explicit --to by alias, even if not verified',
    history: [collection('c3', { app: f('c') }, [ok]), collection('c2', { app: f('b') }, [ok]), collection('c1', { app: f('a') }, [failed])],
    to: 'old-otter',
    freight: [freight(f('a'), { alias: 'old-otter' })],
    expect: { index: 2, toPromote: [f('a')], verifiedBy: 'explicit' },
  },
  {
    name: 'explicit --to by name prefix',
    history: [collection('c3', { app: f('c') }, [ok]), collection('c2', { app: f('b') }, [ok])],
    to: f('b').slice(0, 8),
    expect: { index: 1, toPromote: [f('b')], verifiedBy: 'explicit' },
  },
  {
    name: 'explicit --to naming the current Freight',
    history: [collection('c3', { app: f('c') }, [ok]), collection('c2', { app: f('b') }, [ok])],
    to: f('c'),
    expect: { error: 'target-is-current', message: `"${f('c')}" is already the current freight of Stage "prod"` },
  },
  {
    name: 'explicit --to not in the history',
    history: [collection('c3', { app: f('c') }, [ok]), collection('c2', { app: f('b') }, [ok])],
    to: 'nowhere',
    freight: [freight(f('b'), { alias: 'brave-bear' })],
    expect: {
      error: 'target-not-in-history',
      message: `"nowhere" is not in the freight history of Stage "prod"; its earlier freight: brave-bear (${f('b').slice(0, 7)})`,
    },
  },
  {
    name: 'no current Freight',
    history: [],
    expect: { error: 'no-current-freight', message: 'Stage "prod" has no current freight, so there is nothing to roll back' },
  },
  {
    name: 'only one entry in the history',
    history: [collection('c1', { app: f('a') }, [ok])],
    expect: { error: 'no-previous-verified', message: 'Stage "prod" has no earlier freight in its history to roll back to' },
  },
];

describe('chooseRollbackTarget', () => {
  it.each(cases)('$name', (testCase) => {
    const options = { ...(testCase.to !== undefined ? { to: testCase.to } : {}), ...(testCase.freight ? { freight: testCase.freight } : {}) };
    if ('error' in testCase.expect) {
      let caught: unknown;
      try {
        chooseRollbackTarget(prod(testCase.history), options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RollbackError);
      expect((caught as RollbackError).reason).toBe(testCase.expect.error);
      expect((caught as RollbackError).message).toBe(testCase.expect.message);
      return;
    }
    const choice = chooseRollbackTarget(prod(testCase.history), options);
    expect(choice.historyIndex).toBe(testCase.expect.index);
    expect(choice.from).toBe(testCase.history[0]);
    expect(choice.to).toBe(testCase.history[testCase.expect.index]);
    expect(choice.toPromote.map((item) => item.name)).toEqual(testCase.expect.toPromote);
    expect(choice.verifiedBy).toBe(testCase.expect.verifiedBy);
  });
});
