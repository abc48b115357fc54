// Bad input and bounds, refused before any request: empty and invalid names
// (exit 2), a --timeout no timer can hold (exit 2), a bad --request-timeout
// (exit 2), a Warehouse that does not exist (exit 3). Signals: SIGTERM and
// Ctrl-C while creating or waiting say what exists and how to follow it.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { firstLine, PROJECT, runKargo, startFaultEnv, type FaultEnv } from './support/fault-env.js';
import { promotionName } from '../support/promotion-output.js';

// bin/kargo runs as a child process on a busy 2-core machine: give each case room.
vi.setConfig({ testTimeout: 60_000 });

let env: FaultEnv;
let caseNumber = 0;

beforeAll(async () => {
  env = await startFaultEnv();
}, 60_000);

afterAll(async () => {
  await env?.close();
});

const P = ['-p', PROJECT];
const INVALID = 'is not a valid name: use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.';

const REFUSED_BEFORE_ANY_REQUEST: [string, string[], number, RegExp][] = [
  ['abort promotion ""', ['abort', 'promotion', '', ...P], 2, /^error: the Promotion name must not be empty\.$/],
  ['verify stage ""', ['verify', 'stage', '', ...P], 2, /^error: the Stage name must not be empty\.$/],
  ['refresh stage ""', ['refresh', 'stage', '', ...P], 2, /^error: the Stage name must not be empty\.$/],
  ['refresh warehouse ""', ['refresh', 'warehouse', '', ...P], 2, /^error: the Warehouse name must not be empty\.$/],
  ['update freight "" --alias x', ['update', 'freight', '', '--alias', 'x', ...P], 2, /^error: the Freight name or alias must not be empty\.$/],
  [
    'update freight --alias with a space',
    ['update', 'freight', 'quiet-lynx', '--alias', 'two words', ...P],
    2,
    /^error: --alias "two words" is not a valid name/,
  ],
  ['promote --stage ""', ['promote', '--freight', 'quiet-lynx', '--stage', '', ...P], 2, /^error: --stage must not be empty\.$/],
  [
    'promote --stage Dev',
    ['promote', '--freight', 'quiet-lynx', '--stage', 'Dev', ...P],
    2,
    new RegExp(`^error: --stage "Dev" ${INVALID.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  ],
  ['promote --freight ""', ['promote', '--freight', '', '--stage', 'dev', ...P], 2, /^error: --freight must not be empty\.$/],
  ['promote --warehouse ""', ['promote', '--warehouse', '', '--stage', 'dev', ...P], 2, /^error: --warehouse must not be empty\.$/],
  ['promote --name "" --wait', ['promote', '--name', '', '--wait', ...P], 2, /^error: --name must not be empty\.$/],
  ['promote --downstream-from ""', ['promote', '--downstream-from', '', '--freight', 'quiet-lynx', ...P], 2, /^error: --downstream-from must not be empty\.$/],
  ['approve --stage ""', ['approve', '--freight', 'brave-heron', '--stage', '', ...P], 2, /^error: --stage must not be empty\.$/],
  ['approve --freight-alias ""', ['approve', '--freight-alias', '', '--stage', 'prod-us', ...P], 2, /^error: --freight-alias must not be empty\.$/],
  ['rollback --stage ""', ['rollback', '--stage', '', ...P], 2, /^error: --stage must not be empty\.$/],
  ['get stages with -p ""', ['get', 'stages', '-p', ''], 2, /^error: -p\/--project must not be empty\.$/],
  ['get stages with -p My.Project', ['get', 'stages', '-p', 'My.Project'], 2, /^error: -p\/--project "My\.Project" is not a valid name/],
  ['get freight "a b"', ['get', 'freight', 'a b', ...P], 2, /^error: the name "a b" is not a valid name/],
  ['get stages "../secrets"', ['get', 'stages', '../secrets', ...P], 2, /^error: the name "\.\.\/secrets" is not a valid name/],
  [
    'promote --timeout 999999h',
    ['promote', '--freight', 'quiet-lynx', '--stage', 'staging-us', '--wait', '--timeout', '999999h', ...P],
    2,
    /^error: --timeout 999999h is longer than kargo can wait \(at most 596h, about 24 days\); use 0 for no limit\.$/,
  ],
  ['verify --timeout -5m', ['verify', 'stage', 'dev', '--wait', '--timeout', '-5m', ...P], 2, /^error: --timeout must not be negative/],
  ['--request-timeout soon', ['get', 'stages', '--request-timeout', 'soon', ...P], 2, /^error: invalid --request-timeout "soon": /],
  ['--request-timeout 999999h', ['get', 'stages', '--request-timeout', '999999h', ...P], 2, /^error: invalid --request-timeout "999999h": at most 596h/],
];

describe.concurrent('refused before any request', () => {
  for (const [label, argv, code, message] of REFUSED_BEFORE_ANY_REQUEST) {
    it(`${label} → exit ${code}`, async () => {
      const user = await env.user(`inputs-${++caseNumber}`);
      const run = await runKargo(argv, { kubeconfig: user.kubeconfig });
      expect(run.code, run.stderr).toBe(code);
      expect(firstLine(run)).toMatch(message);
      expect(run.stderr).not.toMatch(/bug in kargo|^\s+at /m);
      expect(env.requestsOf(user)).toEqual([]);
    });
  }
});

describe.concurrent('names that do not exist', () => {
  it('promote --warehouse nope → exit 3, nothing written', async () => {
    const user = await env.user(`inputs-${++caseNumber}`);
    const run = await runKargo(['promote', '--warehouse', 'nope', '--stage', 'dev', ...P], { kubeconfig: user.kubeconfig });
    expect(run.code, run.stderr).toBe(3);
    expect(firstLine(run)).toBe('error: Warehouse "nope" not found in project "my-web-app"');
    expect(env.writesOf(user)).toEqual([]);
  });

  it('abort promotion that does not exist → exit 3, nothing written', async () => {
    const user = await env.user(`inputs-${++caseNumber}`);
    const run = await runKargo(['abort', 'promotion', 'staging-us.nope', ...P], { kubeconfig: user.kubeconfig });
    expect(run.code, run.stderr).toBe(3);
    expect(firstLine(run)).toMatch(/^error: Promotion "staging-us\.nope" not found in project "my-web-app"/);
    expect(env.writesOf(user)).toEqual([]);
  });
});

describe.concurrent('signals', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} while waiting → exit ${code}, the Promotion named with how to follow it`, async () => {
      const user = await env.user(`signals-${++caseNumber}`);
      let sent = false;
      const run = await runKargo(['promote', '--freight', 'quiet-lynx', '--stage', 'staging-eu', '--wait', ...P], {
        kubeconfig: user.kubeconfig,
        onOutput: ({ stderr }, child) => {
          if (sent || !stderr.includes('Created promotion')) return;
          sent = true;
          setTimeout(() => child.kill(signal), 300);
        },
      });
      expect(run.code, run.stderr).toBe(code);
      const name = /Created promotion (\S+):/.exec(run.stderr)?.[1] ?? '';
      expect(name).not.toBe('');
      expect(promotionName(run.stdout)).toBe(name);
      expect(run.stderr).toContain(`follow it again with: kargo promote -p ${PROJECT} --name ${name} --wait`);
      expect(env.writesOf(user).filter((record) => record.resource === 'promotions')).toHaveLength(1);
    });

    it(`${signal} while the create is in flight → exit ${code}, says it may exist and how to check`, async () => {
      const user = await env.user(`signals-${++caseNumber}`);
      const slow = env.cluster.server.faults.add({ match: { user: user.name, verb: 'create', resource: 'promotions' }, latencyMs: 4_000 });
      const run = await runKargo(['promote', '--freight', 'quiet-lynx', '--stage', 'staging-eu', ...P], {
        kubeconfig: user.kubeconfig,
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (slow.hits === 0) return;
            clearInterval(poll);
            child.kill(signal);
          }, 20);
          child.once('close', () => clearInterval(poll));
        },
      });
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr).toContain(
        `Stopped while creating the Promotion for Stage staging-eu; it may or may not exist: check with kargo get promotions -p ${PROJECT} --stage staging-eu`,
      );
      expect(run.stderr).not.toMatch(/^error:/m);
    });
  }
});
