// Running a program the user has installed (kustomize, kubectl, helm): found
// on PATH, started with execFile (no shell, arguments passed as a list), its
// stderr carried into the error when it fails.

import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The program's absolute path, or undefined when PATH has no executable of that name. */
export async function findProgram(name: string, path = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export interface ProgramRun {
  cwd: string;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Runs the program and resolves with its stdout; rejects with `<name> failed: <stderr>` when it exits non-zero. */
export function runProgram(file: string, args: readonly string[], options: ProgramRun): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, signal: options.signal, env: options.env, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const detail = stderr.trim() || error.message;
        reject(new Error(detail));
      },
    );
  });
}
