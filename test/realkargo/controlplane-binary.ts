// Finds Kargo's control-plane binary: $KARGO_CONTROLPLANE_BIN, or the cached
// build made by .ci/kargo-build.sh (which builds it on a cache miss).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function resolveControlPlaneBinary(repoRoot: string): string {
  const fromEnv = process.env.KARGO_CONTROLPLANE_BIN;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`KARGO_CONTROLPLANE_BIN=${fromEnv} does not exist`);
    return fromEnv;
  }
  const stdout = execFileSync('bash', [join(repoRoot, '.ci', 'kargo-build.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const binary = stdout.trim().split('\n').at(-1) ?? '';
  if (!existsSync(binary)) throw new Error(`.ci/kargo-build.sh printed no binary path (got "${binary}")`);
  return binary;
}
