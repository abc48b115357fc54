// Helpers for the cluster-access tests: a clock whose sleeps return at once but
// are recorded, a client with test-sized retry waits, and kubeconfig variants.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient, type KubeClientOptions } from '../../src/kube/http-client.js';
import type { Clock } from '../../src/runtime/clock.js';

export interface RecordingClock extends Clock {
  sleeps: number[];
}

/** Real time, but every sleep is recorded and returns at once (or rejects when the signal has aborted). */
export function recordingClock(): RecordingClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
  };
}

export function writer(): { text: string; write(chunk: string): boolean } {
  const stream = {
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

export function testClient(kubeconfig: string, options: Partial<KubeClientOptions> = {}): Promise<KubeClient> {
  return createKubeClient({ kubeconfig, verbose: false }, { env: {}, stderr: writer(), requestTimeoutMs: 5000, random: () => 0.5, ...options });
}

type Document = {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
};

/** Writes a variant of `source` next to it and returns its path. */
export function kubeconfigVariant(source: string, name: string, edit: (document: Document) => void): string {
  const document = parse(readFileSync(source, 'utf8')) as Document;
  edit(document);
  const path = join(source, '..', `${name}.kubeconfig`);
  writeFileSync(path, stringify(document), { mode: 0o600 });
  return path;
}
