// One Kargo control-plane component (`kargo-controlplane <subcommand>`) as a
// child process with its own log file, stopped without leaving an orphan:
// SIGTERM, then SIGKILL; also killed if the test process exits first.

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentName } from './chart-facts.js';

const SIGTERM_GRACE_MS = 10_000;

export interface ComponentOptions {
  binary: string;
  component: ComponentName;
  env: Record<string, string>;
  logDir: string;
}

export interface RunningComponent {
  component: ComponentName;
  logFile: string;
  /** Why it stopped, if it stopped on its own. */
  exited(): string | undefined;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export function startComponent(options: ComponentOptions): RunningComponent {
  const logFile = join(options.logDir, `${options.component}.log`);
  const log = createWriteStream(logFile);
  // Only what a pod would have: PATH (for git) and the chart's environment.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.logDir, ...options.env };
  const child = spawn(options.binary, [options.component], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => (exitReason = `exited with code ${code}, signal ${signal}`));
  child.once('error', (error) => (exitReason = `could not start: ${error.message}`));
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  return {
    component: options.component,
    logFile,
    exited: () => exitReason,
    logTail: (lines = 30) => readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n'),
    stop: async () => {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), SIGTERM_GRACE_MS))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}
