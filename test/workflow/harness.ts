// Runs kargo in-process against any cluster reachable through kubeconfig files,
// and prepares a fresh project with the fake Kargo controller for each scenario.

import type { CliContext } from '../../src/cli/context.js';
import { systemClock } from '../../src/runtime/clock.js';
import type { OutputStream } from '../../src/runtime/io.js';
import { lazyKubeFactory } from '../../src/cli/kube-factory.js';
import { runCli } from '../../src/root-command.js';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { type ControllerScript, FakeKargoController } from './fake-controller.js';
import { createProject } from './fixtures.js';

/** Where the scenarios run: an embedded server or a real kube-apiserver. */
export interface WorkflowTarget {
  /** Kubeconfig of a cluster admin (system:masters). */
  adminKubeconfig: string;
  /** Kubeconfig of `user` in `groups` (created on first use). */
  kubeconfigFor(user: string, groups: string[]): Promise<string>;
}

export class CapturedStream implements OutputStream {
  text = '';
  readonly isTTY = false;
  /** Called after each write, so a test can react to progress. */
  onWrite: ((chunk: string) => void) | undefined;
  write(chunk: string): boolean {
    this.text += chunk;
    this.onWrite?.(chunk);
    return true;
  }
}

export interface KargoRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  kubeconfig: string;
  /** Aborting it plays Ctrl-C. */
  interrupt?: AbortSignal;
  stderr?: CapturedStream;
  requestTimeoutMs?: number;
  /** Puts something between the CLI and the cluster (e.g. an emulation of Kargo's admission webhook). */
  wrapClient?: (client: KubeClient) => KubeClient;
}

export async function runKargo(argv: string[], options: RunOptions): Promise<KargoRun> {
  const stdout = new CapturedStream();
  const stderr = options.stderr ?? new CapturedStream();
  const env = { KUBECONFIG: options.kubeconfig, CI: 'true' };
  const ctx: CliContext = {
    io: { stdout, stderr },
    env,
    clock: systemClock,
    signal: options.interrupt ?? new AbortController().signal,
    kube: wrapFactory(
      lazyKubeFactory({ env, stderr, ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}) }),
      options.wrapClient,
    ),
  };
  const code = await runCli(['--kubeconfig', options.kubeconfig, ...argv], ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function wrapFactory(factory: CliContext['kube'], wrap: RunOptions['wrapClient']): CliContext['kube'] {
  return wrap ? async (selection) => wrap(await factory(selection)) : factory;
}

export async function clientFor(kubeconfig: string): Promise<KubeClient> {
  return createKubeClient({ kubeconfig, verbose: false }, { env: {}, stderr: new CapturedStream() });
}

export interface ScenarioProject {
  project: string;
  admin: KubeClient;
  controller: FakeKargoController;
  /** Runs kargo as the admin, in this project. */
  kargo(argv: string[], options?: Partial<RunOptions>): Promise<KargoRun>;
  close(): Promise<void>;
}

let counter = 0;

export async function openProject(target: WorkflowTarget, script: ControllerScript = {}): Promise<ScenarioProject> {
  const project = `shop-${process.pid}-${++counter}`;
  const admin = await clientFor(target.adminKubeconfig);
  await createProject(admin, project);
  const controller = new FakeKargoController(admin, project, script).start();
  return {
    project,
    admin,
    controller,
    kargo: (argv, options = {}) => runKargo(['-p', project, ...argv], { kubeconfig: target.adminKubeconfig, ...options }),
    close: () => controller.stop(),
  };
}

/** Resolves when `predicate` holds for what was written so far (checked on each write). */
export function whenWritten(stream: CapturedStream, predicate: (text: string) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(stream.text)) return resolve();
    stream.onWrite = () => {
      if (predicate(stream.text)) {
        stream.onWrite = undefined;
        resolve();
      }
    };
  });
}
