// Read commands of bin/kargo under injected faults: transient trouble (429 with
// Retry-After, 503, a cut connection) is ridden out with exit 0; lasting
// trouble exits 10 with the last cause; refusals exit 4. A read never writes.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// bin/kargo runs as a child process on a busy 2-core machine: give each case room.
vi.setConfig({ testTimeout: 60_000 });
import type { FaultRule } from '../../src/server/index.js';
import { firstLine, PROJECT, runKargo, startFaultEnv, type FaultEnv } from './support/fault-env.js';

let env: FaultEnv;
let caseNumber = 0;

beforeAll(async () => {
  env = await startFaultEnv();
}, 60_000);

afterAll(async () => {
  await env?.close();
});

const COMMANDS: [string, string[]][] = [
  ['get stages', ['get', 'stages', '-p', PROJECT]],
  ['get freight', ['get', 'freight', '-p', PROJECT]],
  ['get freight --stage', ['get', 'freight', '--stage', 'prod-us', '-p', PROJECT]],
  ['get promotions', ['get', 'promotions', '-p', PROJECT]],
  ['get warehouses', ['get', 'warehouses', '-p', PROJECT]],
  ['status', ['status', '-p', PROJECT]],
];

interface FaultCase {
  name: string;
  rule: Omit<FaultRule, 'match'>;
  code: number;
  /** The first line of stderr; undefined: no error line at all. */
  message?: RegExp;
}

const FAULTS: FaultCase[] = [
  { name: '429 with Retry-After once', rule: { status: 429, reason: 'TooManyRequests', retryAfterSeconds: 1, times: 1 }, code: 0 },
  { name: '503 twice', rule: { status: 503, reason: 'ServiceUnavailable', times: 2 }, code: 0 },
  { name: 'a cut connection', rule: { reset: true, times: 1 }, code: 0 },
  {
    name: '500 on every read',
    rule: { status: 500, reason: 'InternalError', message: 'etcdserver: leader changed' },
    code: 10,
    message:
      /^error: the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ \(context "kargo-embedded"\) kept failing: HTTP 500 InternalError: etcdserver: leader changed \(5 attempts over \d+\.\ds\)$/,
  },
  {
    name: 'a Retry-After longer than kargo waits',
    rule: { status: 429, reason: 'TooManyRequests', retryAfterSeconds: 600 },
    code: 10,
    message: /^error: the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ \(context "kargo-embedded"\) is overloaded: it asked to retry after 600s /,
  },
  {
    name: '401',
    rule: { status: 401, reason: 'Unauthorized', message: 'Unauthorized' },
    code: 4,
    message: /^error: the Kubernetes API server rejected your credentials \(401 Unauthorized\)$/,
  },
  {
    name: '403',
    rule: { status: 403, reason: 'Forbidden', message: 'forbidden' },
    code: 4,
    message: /^error: forbidden: you may not list \S+ in namespace "my-web-app"$/,
  },
];

describe.concurrent('read commands under faults', () => {
  for (const [label, argv] of COMMANDS) {
    for (const fault of FAULTS) {
      it(`${label}: ${fault.name} → exit ${fault.code}`, async () => {
        const user = await env.user(`reads-${++caseNumber}`);
        env.cluster.server.faults.add({ ...fault.rule, match: { user: user.name, verb: 'list' } });
        const run = await runKargo(argv, { kubeconfig: user.kubeconfig });
        expect(run.code, run.stderr).toBe(fault.code);
        if (fault.message) expect(firstLine(run)).toMatch(fault.message);
        else expect(run.stderr).not.toMatch(/^error:/m);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(env.writesOf(user)).toEqual([]);
      });
    }
  }
});
