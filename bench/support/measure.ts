// Runs one command as a child process and measures it from outside: wall time
// from spawn to exit, and, through GNU time, its user + system CPU and peak RSS.
// Asynchronous, so an API server living in the calling process keeps serving.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';
const USAGE_LINE = /^bench-usage (\S+) (\S+) (\d+)$/m;

export interface Command {
  label: string;
  file: string;
  args: string[];
  /** Says what is wrong with a run's stdout, so a broken command is not timed as a fast one (checked on the warm-up run). */
  check?: (stdout: string) => string | undefined;
}

export interface Sample {
  wallMs: number;
  /** User + system CPU; absent without GNU time. */
  cpuMs?: number;
  rssKb?: number;
  stdoutBytes: number;
}

export const hasGnuTime = existsSync(GNU_TIME);

/** Runs `command` and fails on a non-zero exit; with `check`, also on what its `check` finds wrong. */
export function measure(command: Command, env: NodeJS.ProcessEnv, check = false): Promise<Sample> {
  const file = hasGnuTime ? GNU_TIME : command.file;
  const args = hasGnuTime ? ['-f', 'bench-usage %U %S %M', command.file, ...command.args] : command.args;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (check) chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${command.label} exited with ${code}:\n${stderr.replace(USAGE_LINE, '').trim()}`));
      const problem = check ? command.check?.(Buffer.concat(chunks).toString()) : undefined;
      if (problem) return reject(new Error(`${command.label}: ${problem}`));
      const sample: Sample = { wallMs, stdoutBytes };
      const usage = USAGE_LINE.exec(stderr);
      if (usage) {
        sample.cpuMs = (Number(usage[1]) + Number(usage[2])) * 1000;
        sample.rssKb = Number(usage[3]);
      }
      resolve(sample);
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
