// Finds the kube-testenv binary: $KARGO_TESTENV_BIN, or the cached build of
// test/testenv made by .ci/testenv-build.sh (which builds it on a cache miss).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function resolveTestenvBinary(repoRoot: string): string {
  const fromEnv = process.env.KARGO_TESTENV_BIN;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`KARGO_TESTENV_BIN=${fromEnv} does not exist`);
    return fromEnv;
  }
  const stdout = execFileSync('bash', [join(repoRoot, '.ci', 'testenv-build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const binary = stdout.trim().split('\n').at(-1) ?? '';
  if (!existsSync(binary)) throw new Error(`.ci/testenv-build.sh printed no binary path (got "${binary}")`);
  return binary;
}
