// Runs one of the real CLI's example command lines with kargo, in process, against
// the embedded server seeded as the examples assume (seed.ts), from a directory
// holding the files they name (stage.yaml, stages/).

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedHome, type RunResult, runKargo } from '../cli/support/run-kargo.js';
import { SEED_PROJECT } from './seed.js';

const STAGE_FILE = `apiVersion: kargo.akuity.io/v1alpha1
kind: Stage
metadata:
  name: from-file
  namespace: ${SEED_PROJECT}
spec:
  requestedFreight:
    - origin: { kind: Warehouse, name: my-warehouse }
      sources: { direct: true }
  promotionTemplate:
    spec:
      steps:
        - uses: git-clone
          config: { repoURL: https://example.com/repo.git, checkout: [{ branch: main, path: ./src }] }
`;

/** A working directory with the files the examples name. */
export function exampleFilesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kargo-compat-'));
  writeFileSync(join(dir, 'stage.yaml'), STAGE_FILE);
  mkdirSync(join(dir, 'stages'));
  writeFileSync(join(dir, 'stages', 'stage.yaml'), STAGE_FILE.replace('from-file', 'from-dir'));
  return dir;
}

export async function runExample(argv: string[], setup: string[][], kubeconfig: string): Promise<RunResult> {
  const env = { ...isolatedHome(), KUBECONFIG: kubeconfig };
  for (const step of setup) {
    const prepared = await runKargo(step, { env });
    if (prepared.code !== 0) return prepared;
  }
  // Nothing reconciles in the test cluster, so a --wait is stopped (exit 130, as Ctrl-C) after 3 s.
  return runKargo(argv, { env, signal: AbortSignal.timeout(argv.includes('--wait') ? 3_000 : 60_000) });
}
