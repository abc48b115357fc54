// Vitest global setup for the real-Kargo tier: one kube-testenv and one Kargo
// control plane per run, shared by every scenario (each in its own Project).

import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CRD_DIRS } from '../realapi/global-setup.js';
import { resolveTestenvBinary } from '../realapi/testenv-binary.js';
import { startControlPlane } from './control-plane.js';
import { resolveControlPlaneBinary } from './controlplane-binary.js';

export interface RealKargoContext {
  adminKubeconfig: string;
  server: string;
  /** The run's work directory (kube-testenv's --dir, component logs). */
  dir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    realkargo: RealKargoContext;
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let dir: string | undefined;
  try {
    const testenvBinary = resolveTestenvBinary(repoRoot);
    const controlPlaneBinary = resolveControlPlaneBinary(repoRoot);
    dir = await mkdtemp(join(tmpdir(), 'kargo-realkargo-'));
    const started = Date.now();
    const controlPlane = await startControlPlane({ testenvBinary, controlPlaneBinary, crdDirs: CRD_DIRS, dir });
    console.log(`Kargo control plane ready against kube-apiserver ${controlPlane.testenv.version} in ${Date.now() - started} ms (logs in ${dir})`);
    project.provide('realkargo', { adminKubeconfig: controlPlane.adminKubeconfig, server: controlPlane.testenv.server, dir });
    const workDir = dir;
    return async () => {
      await controlPlane.stop();
      if (process.env.KARGO_REALKARGO_KEEP !== '1') await rm(workDir, { recursive: true, force: true });
    };
  } catch (error) {
    if (dir) await rm(dir, { recursive: true, force: true });
    recordStartFailure(error);
    throw error;
  }
}

// Lets run-tier.mjs tell "could not start" from "tests failed".
function recordStartFailure(error: unknown): void {
  const statusFile = process.env.KARGO_REALKARGO_STATUS_FILE;
  if (statusFile) writeFileSync(statusFile, error instanceof Error ? error.message : String(error));
}
