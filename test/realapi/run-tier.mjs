#!/usr/bin/env node
// Runs the real kube-apiserver tier (vitest.realapi.config.ts) when it can.
// Without Go >= 1.26, or if kube-testenv cannot be built or started, the tier
// is reported as not run and this exits 0, unless KARGO_REQUIRE_REALAPI=1
// (set by .ci/run), which turns each of those into a failure.
// Extra arguments are passed to vitest (e.g. a test file filter).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const required = process.env.KARGO_REQUIRE_REALAPI === '1';
const MIN_GO_MINOR = 26;

function notRun(reason) {
  if (required) {
    console.error(`real-apiserver tier: FAILED: ${reason} (KARGO_REQUIRE_REALAPI=1)`);
    process.exit(1);
  }
  console.log(`real-apiserver tier: NOT RUN: ${reason}. See README, "Real kube-apiserver tests".`);
  process.exit(0);
}

function findGo() {
  const candidates = process.env.GO ? [process.env.GO] : ['go', '/usr/local/go/bin/go'];
  for (const candidate of candidates) {
    const result = spawnSync(candidate, ['env', 'GOVERSION'], { encoding: 'utf8' });
    if (result.status === 0) return { go: candidate, version: result.stdout.trim() };
  }
  return undefined;
}

const found = findGo();
if (!found) notRun('Go not found (needs Go >= 1.' + MIN_GO_MINOR + ' on PATH or in $GO)');
const minor = Number(/^go1\.(\d+)/.exec(found.version)?.[1] ?? 0);
if (minor < MIN_GO_MINOR) notRun(`${found.version} is too old (needs Go >= 1.${MIN_GO_MINOR})`);

const build = spawnSync('bash', [join(repoRoot, '.ci', 'testenv-build.sh')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, GO: found.go },
});
const binary = build.stdout?.trim().split('\n').at(-1) ?? '';
if (build.status !== 0 || !existsSync(binary)) notRun('building kube-testenv failed (see the output above)');

// cli.test.ts runs the real bin/kargo, which loads the bundle in dist/.
const bundle = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
if (bundle.status !== 0) {
  console.error('real-apiserver tier: building the CLI bundle (scripts/build.mjs) failed');
  process.exit(1);
}

const statusDir = mkdtempSync(join(tmpdir(), 'kargo-realapi-status-'));
const statusFile = join(statusDir, 'start-failure');
const vitest = spawnSync(
  process.execPath,
  [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(repoRoot, 'vitest.realapi.config.ts'), ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, KARGO_TESTENV_BIN: binary, KARGO_REALAPI_STATUS_FILE: statusFile } },
);
const startFailure = existsSync(statusFile) ? readFileSync(statusFile, 'utf8').split('\n')[0] : undefined;
rmSync(statusDir, { recursive: true, force: true });
if (vitest.status !== 0 && startFailure) notRun(`kube-testenv did not start: ${startFailure}`);
process.exit(vitest.status ?? 1);
