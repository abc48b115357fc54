// Runs the real `bin/kargo` (the esbuild bundle in dist/) as a child process
// against the tier's cluster, with its output readable while it runs.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const KARGO_BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'kargo.js');
// No user config of the person running the tests: its own XDG directories.
const HOME = mkdtempSync(join(tmpdir(), 'kargo-realkargo-home-'));

export interface KargoResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningKargo {
  /** What it has written to stderr so far. */
  stderr(): string;
  done: Promise<KargoResult>;
}

export function startKargo(args: string[], kubeconfig: string, timeoutMs = 90_000): RunningKargo {
  const child = spawn(process.execPath, [KARGO_BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME,
      XDG_CONFIG_HOME: join(HOME, 'config'),
      XDG_STATE_HOME: join(HOME, 'state'),
      KUBECONFIG: kubeconfig,
      CI: 'true',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<KargoResult>((resolvePromise, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
  return { stderr: () => stderr, done };
}

export function kargo(args: string[], kubeconfig: string, timeoutMs?: number): Promise<KargoResult> {
  return startKargo(args, kubeconfig, timeoutMs).done;
}

/** The CLI's documented exit codes (README, "Exit codes"). */
export const EXIT = {
  success: 0,
  notFound: 3,
  promotionFailed: 5,
  verificationFailed: 6,
  aborted: 7,
  refused: 8,
  timedOut: 124,
} as const;
