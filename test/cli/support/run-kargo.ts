// Runs kargo in-process with an injected context: captured streams, a fixed
// clock, the environment given, and the real kube client (lazily created).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../../src/cli/context.js';
import type { OutputStream } from '../../../src/runtime/io.js';
import { lazyKubeFactory } from '../../../src/cli/kube-factory.js';
import { runCli } from '../../../src/root-command.js';

export interface CapturedStream extends OutputStream {
  text: string;
}

export function captureStream(options: { isTTY?: boolean; columns?: number } = {}): CapturedStream {
  const stream = {
    text: '',
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 200,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  now?: Date;
  signal?: AbortSignal;
  tty?: boolean;
  /** What the command reads from stdin (`-f -`). */
  stdin?: string;
  /** Called with the stdout stream while the command runs (for -w tests). */
  onStart?: (stdout: CapturedStream) => void;
}

/** A fresh, empty HOME/XDG_CONFIG_HOME so no user's settings leak into a test. */
export function isolatedHome(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'kargo-cli-home-'));
  return { HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
}

export async function runKargo(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = captureStream({ isTTY: options.tty ?? false });
  const stderr = captureStream({ isTTY: options.tty ?? false });
  const env = options.env ?? {};
  const now = options.now ?? new Date();
  const ctx: CliContext = {
    io: {
      stdout,
      stderr,
      stdin: async function* () {
        if (options.stdin !== undefined) yield options.stdin;
      },
    },
    env,
    clock: {
      now: () => now,
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, Math.min(ms, 50));
          signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
        }),
    },
    signal: options.signal ?? new AbortController().signal,
    kube: lazyKubeFactory({ env, stderr }),
  };
  options.onStart?.(stdout);
  const code = await runCli(argv, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Splits a kubectl-style table into rows of cells (columns are separated by 2+ spaces). */
export function parseTable(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(/ {2,}/));
}
