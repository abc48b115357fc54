// Runs the system `git` as a child process (execFile: arguments are never
// interpreted by a shell). A failure is a GitCommandError in Kargo's shape
// ("error executing cmd [git …]: <output>") with every known secret and any
// URL password masked.

import { execFile } from 'node:child_process';
import { redactText } from './redact.js';

export interface GitInvocation {
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Values that must never appear in an error (a password, a token). */
  secrets?: readonly string[];
}

export interface GitOutput {
  stdout: string;
  stderr: string;
}

export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    /** The command as shown to users, secrets masked. */
    readonly command: string,
    /** stdout then stderr, secrets masked. */
    readonly output: string,
    /** null when git could not be started or was killed. */
    readonly exitCode: number | null,
  ) {
    super(`error executing cmd [${command}]: ${output}`);
  }
}

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export function runGit(args: readonly string[], invocation: GitInvocation): Promise<GitOutput> {
  const secrets = invocation.secrets ?? [];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: invocation.cwd,
        env: invocation.env,
        signal: invocation.signal,
        killSignal: 'SIGTERM',
        maxBuffer: MAX_OUTPUT_BYTES,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const command = redactText(['git', ...args].join(' '), secrets);
        const code = typeof error.code === 'number' ? error.code : null;
        const output = redactText(`${stdout}${stderr}` || error.message, secrets);
        reject(new GitCommandError(command, output, code));
      },
    );
  });
}
