// Runs the real `bin/kargo` (the esbuild bundle in dist/) as a child process.

import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const KARGO_BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'kargo.js');

export interface KargoResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kargo(args: string[], kubeconfig: string, timeoutMs = 60_000): Promise<KargoResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [KARGO_BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, KUBECONFIG: kubeconfig, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
