// A real sandbox for end-to-end tests: `bin/kargo.js sandbox start` (the built
// CLI, as a user runs it) in a temporary HOME with its own kubeconfig and state
// directory, an admin client on its kubeconfig, and `kargo` runs against it.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'kargo.js');

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  home: string;
  stateDir: string;
  env: Record<string, string>;
  kargo(argv: string[], extraEnv?: Record<string, string>): Promise<ChildResult>;
  /** The sandbox admin, on the state directory's kubeconfig (read afresh: a restart picks a new port). */
  admin(): Promise<KubeClient>;
  close(): Promise<void>;
}

export function runBin(argv: string[], env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh home; `start` flags are not passed here — call `sandbox.kargo(['sandbox', 'start', …])`. */
export function sandboxHome(): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'kargo-sandbox-e2e-'));
  const stateDir = join(home, 'state', 'kargo', 'sandbox');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CONFIG_HOME: join(home, 'config'),
    KUBECONFIG: join(home, 'kubeconfig'),
    NO_COLOR: '1',
  };
  return {
    home,
    stateDir,
    env,
    kargo: (argv, extraEnv = {}) => runBin(argv, { ...env, ...extraEnv }),
    admin: () => createKubeClient({ kubeconfig: join(stateDir, 'kubeconfig'), verbose: false }, { env: {}, stderr: { write: () => true } }),
    async close() {
      await runBin(['sandbox', 'stop'], env);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
