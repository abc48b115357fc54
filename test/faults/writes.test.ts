// Commands that write, under faults: a write is repeated only where that is
// safe (429, refused connections, merge patches), a Promotion is created at most
// once whatever happens to the create, and a write the server kept failing exits
// 10 with nothing stored. The request log says what was written.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// bin/kargo runs as a child process on a busy 2-core machine: give each case room.
vi.setConfig({ testTimeout: 60_000 });
import type { FaultRule } from '../../src/server/index.js';
import { firstLine, PROJECT, runKargo, startFaultEnv, type CaseUser, type FaultEnv } from './support/fault-env.js';

let env: FaultEnv;
let caseNumber = 0;

beforeAll(async () => {
  env = await startFaultEnv();
}, 60_000);

afterAll(async () => {
  await env?.close();
});

const stored = (user: CaseUser, verb: string, resource: string): number =>
  env.writesOf(user).filter((record) => record.verb === verb && record.resource === resource).length;

interface WriteCase {
  name: string;
  argv: (n: number) => string[];
  verb: string;
  resource: string;
  rule: Omit<FaultRule, 'match'>;
  code: number;
  /** Successful writes of `verb` on `resource` the server carried out. */
  writes: number;
  message?: RegExp;
  extraArgv?: string[];
}

const PROMOTE = (): string[] => ['promote', '--freight', 'quiet-lynx', '--stage', 'staging-us', '-p', PROJECT];
const FAILED_WRITE = /^error: the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ \(context "kargo-embedded"\) kept failing: HTTP 50\d /;

const CASES: WriteCase[] = [
  {
    name: 'promote: every create answered 503',
    argv: PROMOTE,
    verb: 'create',
    resource: 'promotions',
    rule: { status: 503, reason: 'ServiceUnavailable' },
    code: 10,
    writes: 0,
    message:
      /^error: the Kubernetes API server answered HTTP 503 ServiceUnavailable to POST \/apis\/kargo\.akuity\.io\/v1alpha1\/namespaces\/my-web-app\/promotions: injected fault: HTTP 503$/,
  },
  {
    name: 'promote: a create turned away with 429 once',
    argv: PROMOTE,
    verb: 'create',
    resource: 'promotions',
    rule: { status: 429, reason: 'TooManyRequests', retryAfterSeconds: 1, times: 1 },
    code: 0,
    writes: 1,
  },
  {
    name: 'promote: a create whose connection is cut once',
    argv: PROMOTE,
    verb: 'create',
    resource: 'promotions',
    rule: { reset: true, times: 1 },
    code: 0,
    writes: 1,
  },
  { name: 'promote: a create answered 503 twice', argv: PROMOTE, verb: 'create', resource: 'promotions', rule: { status: 503, times: 2 }, code: 0, writes: 1 },
  {
    name: 'promote: a create stored after the client gave up waiting',
    argv: PROMOTE,
    extraArgv: ['--request-timeout', '1s'],
    verb: 'create',
    resource: 'promotions',
    rule: { latencyMs: 1_800, times: 1 },
    code: 0,
    writes: 1,
  },
  {
    name: 'approve: a status patch answered 503 once',
    argv: () => ['approve', '--freight', 'brave-heron', '--stage', 'prod-us', '-p', PROJECT],
    verb: 'patch',
    resource: 'freights',
    rule: { status: 503, times: 1 },
    code: 0,
    writes: 1,
  },
  {
    name: 'approve: every status patch answered 500',
    argv: () => ['approve', '--freight', 'brave-heron', '--stage', 'prod-eu', '-p', PROJECT],
    verb: 'patch',
    resource: 'freights',
    rule: { status: 500 },
    code: 10,
    writes: 0,
    message: FAILED_WRITE,
  },
  {
    name: 'refresh warehouse: a patch answered 503 once',
    argv: () => ['refresh', 'warehouse', 'app-images', '-p', PROJECT],
    verb: 'patch',
    resource: 'warehouses',
    rule: { status: 503, times: 1 },
    code: 0,
    writes: 1,
  },
  {
    name: 'refresh stage: every patch answered 500',
    argv: () => ['refresh', 'stage', 'staging-us', '-p', PROJECT],
    verb: 'patch',
    resource: 'stages',
    rule: { status: 500 },
    code: 10,
    writes: 0,
    message: FAILED_WRITE,
  },
  {
    name: 'update freight --alias: a patch answered 502 once',
    argv: (n) => ['update', 'freight', 'tidy-fern', '--alias', `tidy-${n}`, '-p', PROJECT],
    verb: 'patch',
    resource: 'freights',
    rule: { status: 502, times: 1 },
    code: 0,
    writes: 1,
  },
  {
    name: 'update freight --alias: every patch answered 503',
    argv: (n) => ['update', 'freight', 'bold-maple', '--alias', `bold-${n}`, '-p', PROJECT],
    verb: 'patch',
    resource: 'freights',
    rule: { status: 503 },
    code: 10,
    writes: 0,
    message: FAILED_WRITE,
  },
  {
    name: 'verify stage: a patch answered 429 with Retry-After',
    argv: () => ['verify', 'stage', 'dev', '-p', PROJECT],
    verb: 'patch',
    resource: 'stages',
    rule: { status: 429, retryAfterSeconds: 1, times: 1 },
    code: 0,
    writes: 1,
  },
];

describe.concurrent('writes under faults', () => {
  for (const write of CASES) {
    it(`${write.name} → exit ${write.code}, ${write.writes} write(s)`, async () => {
      const n = ++caseNumber;
      const user = await env.user(`writes-${n}`);
      env.cluster.server.faults.add({ ...write.rule, match: { user: user.name, verb: write.verb, resource: write.resource } });
      const run = await runKargo([...write.argv(n), ...(write.extraArgv ?? [])], { kubeconfig: user.kubeconfig });
      expect(run.code, run.stderr).toBe(write.code);
      if (write.message) expect(firstLine(run)).toMatch(write.message);
      expect(run.stderr).not.toMatch(/bug in kargo|^\s+at /m);
      expect(stored(user, write.verb, write.resource)).toBe(write.writes);
      // Nothing else was written on the side.
      expect(env.writesOf(user).filter((record) => record.resource !== write.resource)).toEqual([]);
    });
  }
});
