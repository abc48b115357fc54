// Vitest global setup for the real-apiserver tier: starts kube-testenv once
// per run with Kargo's and Argo's real CRDs and hands its details to tests.

import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { auditFlags } from './audit.js';
import { removeTestenvDir, startTestenv, type TestenvReady } from './testenv-process.js';
import { resolveTestenvBinary } from './testenv-binary.js';
import { DECLARED_USERS, userFlag } from './users.js';

export interface RealApiContext extends TestenvReady {
  /** The kube-testenv binary, for `mint-user`. */
  binary: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    realapi: RealApiContext;
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CRD_DIRS = ['kargo', 'argo-rollouts', 'argo-cd'].map((name) => resolve(repoRoot, '..', 'shared', 'crds', name));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const missing = CRD_DIRS.filter((dir) => !existsSync(dir));
    if (missing.length > 0) throw new Error(`CRD directories not found: ${missing.join(', ')} (expected ../shared beside the repo)`);
    const binary = resolveTestenvBinary(repoRoot);
    const dir = await mkdtemp(join(tmpdir(), 'kargo-realapi-'));
    const testenv = await startTestenv({
      binary,
      dir,
      users: DECLARED_USERS.map(userFlag),
      crdDirs: CRD_DIRS,
      apiserverFlags: auditFlags(dir),
    }).catch(async (error: unknown) => {
      await removeTestenvDir(dir); // the error already carries the log's tail
      throw error;
    });
    console.log(`real kube-apiserver ${testenv.version} ready at ${testenv.server} in ${testenv.startupMillis} ms (log: ${testenv.logFile})`);
    const { stop, logFile: _logFile, ...ready } = testenv;
    project.provide('realapi', { ...ready, binary });
    return async () => {
      await stop();
      await removeTestenvDir(dir);
    };
  } catch (error) {
    recordStartFailure(error);
    throw error;
  }
}

// Lets test/realapi/run-tier.mjs tell "could not start" from "tests failed".
function recordStartFailure(error: unknown): void {
  const statusFile = process.env.KARGO_REALAPI_STATUS_FILE;
  if (statusFile) writeFileSync(statusFile, error instanceof Error ? error.message : String(error));
}
