// Everything a command touches outside its own arguments, passed in explicitly so
// every command runs in-process in tests with fake streams, a fixed clock and a
// kube client pointed at a test server.

import type { KubeClient } from '../kube/client.js';

export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface IO {
  stdout: OutputStream;
  stderr: OutputStream;
}

export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What the global flags say about where to connect. */
export interface ClusterSelection {
  kubeconfig?: string;
  context?: string;
  verbose: boolean;
}

export interface CliContext {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** Aborted on Ctrl-C; long-running commands pass it down. */
  signal: AbortSignal;
  /** Creates (once) the client for the selected cluster; loads the Kubernetes client library lazily. */
  kube(selection: ClusterSelection): Promise<KubeClient>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    }),
};
