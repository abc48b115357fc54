// The fault suite's world: one embedded server holding the examples/ pipeline,
// a FaultProxy in front of it, and for each case its own user (in
// system:masters), so cases run concurrently and each one's requests, faults
// and writes are told apart by user name.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { WRITE_VERBS, type RequestRecord } from '../../../src/server/index.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { applyExamples } from '../../cli/support/examples.js';
import { FaultProxy } from './proxy.js';

/** Created with POST but stored nowhere: asking is not writing. */
const REVIEWS = new Set(['selfsubjectaccessreviews', 'selfsubjectreviews', 'selfsubjectrulesreviews']);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'kargo.js');
export { PROJECT } from '../../cli/support/examples.js';

export interface CaseUser {
  name: string;
  token: string;
  /** Kubeconfig straight to the server (HTTPS). */
  kubeconfig: string;
  /** Kubeconfig through the proxy (plain HTTP). */
  proxied: string;
  /** Writes a kubeconfig variant for this user: `edit` gets the YAML text. */
  variant(name: string, edit: (yaml: string) => string): string;
}

export interface FaultEnv {
  cluster: TestCluster;
  proxy: FaultProxy;
  dir: string;
  user(name: string): Promise<CaseUser>;
  /** Requests this user sent, in order. */
  requestsOf(user: CaseUser): RequestRecord[];
  /** Write requests this user sent that the server carried out (status < 300). */
  writesOf(user: CaseUser): RequestRecord[];
  close(): Promise<void>;
}

export async function startFaultEnv(): Promise<FaultEnv> {
  const cluster = await startTestCluster();
  const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: { write: () => true } });
  await applyExamples(admin);
  const proxy = new FaultProxy(cluster.server.url, cluster.server.caCertPem);
  await proxy.start();
  const dir = mkdtempSync(join(tmpdir(), 'kargo-faults-'));
  return {
    cluster,
    proxy,
    dir,
    async user(name) {
      const kubeconfig = await cluster.kubeconfigFor(name, ['system:masters']);
      const token = cluster.server.addUser(name);
      const yaml = cluster.server.kubeconfig(name);
      const variant = (variantName: string, edit: (text: string) => string): string => {
        const path = join(dir, `${name}-${variantName}.kubeconfig`);
        writeFileSync(path, edit(yaml), { mode: 0o600 });
        return path;
      };
      const proxied = variant('proxied', (text) => text.replace(cluster.server.url, proxy.url).replace(/\n\s*certificate-authority-data: \S+/, ''));
      return { name, token, kubeconfig, proxied, variant };
    },
    requestsOf: (user) => cluster.server.requests.filter((record) => record.user === user.name),
    writesOf: (user) =>
      cluster.server.requests.filter(
        (record) => record.user === user.name && WRITE_VERBS.has(record.verb) && !REVIEWS.has(record.resource) && record.status > 0 && record.status < 300,
      ),
    async close() {
      await proxy.close();
      await cluster.close();
    },
  };
}

export interface KargoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  kubeconfig: string;
  env?: Record<string, string>;
  /** Kills the process (SIGKILL) after this long; the test then fails on the code. */
  timeoutMs?: number;
  /** Called with stdout/stderr so far; may signal the child. */
  onOutput?: (output: { stdout: string; stderr: string }, child: ReturnType<typeof spawn>) => void;
  /** Called once with the child, right after it started. */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

export function runKargo(argv: string[], options: RunOptions): Promise<KargoRun> {
  const started = Date.now();
  const home = mkdtempSync(join(tmpdir(), 'kargo-faults-home-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        KUBECONFIG: options.kubeconfig,
        CI: '1',
        NO_COLOR: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    const report = (): void => options.onOutput?.({ stdout, stderr }, child);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      report();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      report();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The first line of stderr: the one-line message every failure prints. */
export function firstLine(run: KargoRun): string {
  return run.stderr.split('\n')[0] ?? '';
}
