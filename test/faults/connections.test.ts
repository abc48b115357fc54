// bin/kargo when the cluster cannot be reached or keeps failing: refused
// connections, a server that is down for a moment, something in between
// answering 429 with Retry-After or 502, an untrusted certificate, a request
// that outlives --request-timeout. Exit 10 with the last cause (never 1, never
// 124, which belongs to --timeout); a blip is ridden out with exit 0.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// bin/kargo runs as a child process on a busy 2-core machine: give each case room.
vi.setConfig({ testTimeout: 60_000 });
import { FaultProxy } from './support/proxy.js';
import { firstLine, PROJECT, runKargo, startFaultEnv, type FaultEnv } from './support/fault-env.js';

let env: FaultEnv;
let caseNumber = 0;

beforeAll(async () => {
  env = await startFaultEnv();
}, 60_000);

afterAll(async () => {
  await env?.close();
});

const GET_STAGES = ['get', 'stages', '-p', PROJECT];
const PROMOTE = ['promote', '--freight', 'quiet-lynx', '--stage', 'staging-us', '-p', PROJECT];
const UNREACHABLE =
  /^error: cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:1 \(context "kargo-embedded"\): connect ECONNREFUSED 127\.0\.0\.1:1 \(5 attempts over \d+\.\ds\)$/;

async function ownProxy(): Promise<FaultProxy> {
  const proxy = new FaultProxy(env.cluster.server.url, env.cluster.server.caCertPem);
  await proxy.start();
  return proxy;
}

describe.concurrent('waiting through an outage', () => {
  it('promote --wait: the progress says it is reconnecting and why, then the wait goes on to its --timeout (124)', async () => {
    const user = await env.user(`conn-${++caseNumber}`);
    const proxy = await ownProxy();
    try {
      const path = user.variant('outage', (yaml) => yaml.replace(/server: \S+/, `server: ${proxy.url}`).replace(/\n *certificate-authority-data: \S+/, ''));
      let cut = false;
      const run = await runKargo([...PROMOTE, '--wait', '--timeout', '15s'], {
        kubeconfig: path,
        onSpawn: (child) => {
          // Cut the cluster off once the Promotion is being watched, for 4 s.
          const poll = setInterval(() => {
            if (cut || !env.requestsOf(user).some((record) => record.verb === 'watch' && record.resource === 'promotions')) return;
            cut = true;
            clearInterval(poll);
            void proxy.down().then(() => setTimeout(() => void proxy.up(), 4_000));
          }, 50);
          child.once('close', () => clearInterval(poll));
        },
      });
      expect(run.code, run.stderr).toBe(124);
      expect(run.stderr).toMatch(
        /reconnecting to the cluster \(attempt \d+, next try in \d+s\) — cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:\d+/,
      );
      expect(run.stderr).toMatch(/Timed out after \S+ waiting for promotion/);
      expect(env.writesOf(user).filter((record) => record.resource === 'promotions')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});

describe.concurrent('waiting through an outage: verification', () => {
  it('verify stage --wait: the progress says it is reconnecting and why, then the wait goes on to its --timeout (124)', async () => {
    const user = await env.user(`conn-${++caseNumber}`);
    const proxy = await ownProxy();
    try {
      const path = user.variant('outage', (yaml) => yaml.replace(/server: \S+/, `server: ${proxy.url}`).replace(/\n *certificate-authority-data: \S+/, ''));
      let cut = false;
      const run = await runKargo(['verify', 'stage', 'prod-us', '-p', PROJECT, '--wait', '--timeout', '15s'], {
        kubeconfig: path,
        onSpawn: (child) => {
          // Cut the cluster off once the Stage is being watched, for 4 s.
          const poll = setInterval(() => {
            if (cut || !env.requestsOf(user).some((record) => record.verb === 'watch' && record.resource === 'stages')) return;
            cut = true;
            clearInterval(poll);
            void proxy.down().then(() => setTimeout(() => void proxy.up(), 4_000));
          }, 50);
          child.once('close', () => clearInterval(poll));
        },
      });
      expect(run.code, run.stderr).toBe(124);
      expect(run.stderr).toMatch(
        /Verification of Stage prod-us: reconnecting to the cluster \(attempt \d+, next try in \d+s\) — cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:\d+/,
      );
    } finally {
      await proxy.close();
    }
  });
});

describe.concurrent('the cluster unreachable or failing', () => {
  for (const [label, argv] of [
    ['get stages', GET_STAGES],
    ['promote', PROMOTE],
    ['status', ['status', '-p', PROJECT]],
    ['version', ['version']],
  ] as const) {
    it(`${label}: connection refused → exit 10 naming the server and the cause`, async () => {
      const user = await env.user(`conn-${++caseNumber}`);
      const path = user.variant('refused', (yaml) => yaml.replace(/server: \S+/, 'server: https://127.0.0.1:1'));
      const run = await runKargo([...argv], { kubeconfig: path });
      expect(run.code, run.stderr).toBe(10);
      expect(firstLine(run)).toMatch(UNREACHABLE);
      expect(run.stderr).not.toMatch(/bug in kargo|^\s+at /m);
    });
  }

  for (const [label, argv] of [
    ['get stages', GET_STAGES],
    ['promote', PROMOTE],
  ] as const) {
    it(`${label}: a server down for a second → ridden out, exit 0`, async () => {
      const user = await env.user(`conn-${++caseNumber}`);
      const proxy = await ownProxy();
      try {
        const path = user.variant('blip', (yaml) => yaml.replace(/server: \S+/, `server: ${proxy.url}`).replace(/\n *certificate-authority-data: \S+/, ''));
        await proxy.down();
        const back = new Promise<void>((resolve) => setTimeout(() => void proxy.up().then(resolve), 1_000));
        const run = await runKargo([...argv], { kubeconfig: path });
        await back;
        expect(run.code, run.stderr).toBe(0);
        if (label === 'promote') expect(env.writesOf(user).filter((record) => record.resource === 'promotions')).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    });

    it(`${label}: 429 with Retry-After from a proxy, twice → exit 0 after waiting`, async () => {
      const user = await env.user(`conn-${++caseNumber}`);
      env.proxy.add({ token: user.token, method: 'GET', status: 429, retryAfterSeconds: 1, times: 2 });
      const run = await runKargo([...argv], { kubeconfig: user.proxied });
      expect(run.code, run.stderr).toBe(0);
      expect(run.ms).toBeGreaterThanOrEqual(2_000);
    });

    it(`${label}: a proxy answering 502 to every read → exit 10 with the last cause`, async () => {
      const user = await env.user(`conn-${++caseNumber}`);
      env.proxy.add({ token: user.token, method: 'GET', status: 502 });
      const run = await runKargo([...argv], { kubeconfig: user.proxied });
      expect(run.code, run.stderr).toBe(10);
      expect(firstLine(run)).toMatch(
        /^error: the Kubernetes API server at http:\/\/127\.0\.0\.1:\d+ \(context "kargo-embedded"\) kept failing: HTTP 502( \S+)?: the proxy answered 502 \(5 attempts over \d+\.\ds\)$/,
      );
      expect(env.writesOf(user)).toEqual([]);
    });

    it(`${label}: an untrusted server certificate → exit 10, not retried, naming the CA setting`, async () => {
      const user = await env.user(`conn-${++caseNumber}`);
      const path = user.variant('untrusted', (yaml) => yaml.replace(/\n *certificate-authority-data: \S+/, ''));
      const run = await runKargo([...argv], { kubeconfig: path });
      expect(run.code, run.stderr).toBe(10);
      expect(firstLine(run)).toMatch(
        /^error: TLS failure talking to the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ \(context "kargo-embedded"\): self[- ]signed certificate/,
      );
      expect(run.stderr).toContain('certificate-authority-data');
      expect(env.requestsOf(user)).toEqual([]);
    });

    it(`${label}: a read slower than --request-timeout → exit 10 (not 124), retried first`, async () => {
      const user = await env.user(`conn-${++caseNumber}`);
      const slow = env.cluster.server.faults.add({ match: { user: user.name }, latencyMs: 2_500 });
      const run = await runKargo([...argv, '--request-timeout', '1s'], { kubeconfig: user.kubeconfig });
      expect(run.code, run.stderr).toBe(10);
      expect(firstLine(run)).toMatch(/did not answer within 1s \(5 attempts over \d+\.\ds\)$/);
      expect(slow.hits).toBe(5);
    });
  }
});
