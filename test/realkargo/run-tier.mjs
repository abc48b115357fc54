#!/usr/bin/env node
// Runs the real-Kargo tier (vitest.realkargo.config.ts) when it can: builds
// kube-testenv and Kargo's control plane (both cached; built side by side on a
// cache miss), the CLI bundle, then the scenarios against one control plane.
// Without Go >= 1.26, or if a build or the control plane's start fails, the
// tier is reported as not run and this exits 0, unless KARGO_REQUIRE_REALAPI=1
// (set by .ci/run), which turns each of those into a failure.
// Extra arguments are passed to vitest (e.g. a test file filter).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const required = process.env.KARGO_REQUIRE_REALAPI === '1';
const MIN_GO_MINOR = 26;

function notRun(reason) {
  if (required) {
    console.error(`real-Kargo tier: FAILED: ${reason} (KARGO_REQUIRE_REALAPI=1)`);
    process.exit(1);
  }
  console.log(`real-Kargo tier: NOT RUN: ${reason}. See README, "Real Kargo tier".`);
  process.exit(0);
}

// .ci/run sets this when Kargo's unpublished nested modules cannot be had here.
if (process.env.KARGO_REALKARGO_UNAVAILABLE) {
  console.log(`real-Kargo tier: NOT RUN: ${process.env.KARGO_REALKARGO_UNAVAILABLE}. See README, "Real Kargo tier".`);
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

/** Runs a build script; resolves to the binary path it prints last, or undefined. */
function build(script, go) {
  return new Promise((resolvePromise) => {
    const child = spawn('bash', [join(repoRoot, '.ci', script)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, GO: go } });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => {
      const binary = stdout.trim().split('\n').at(-1) ?? '';
      resolvePromise(code === 0 && existsSync(binary) ? binary : undefined);
    });
  });
}

const found = findGo();
if (!found) notRun('Go not found (needs Go >= 1.' + MIN_GO_MINOR + ' on PATH or in $GO)');
const minor = Number(/^go1\.(\d+)/.exec(found.version)?.[1] ?? 0);
if (minor < MIN_GO_MINOR) notRun(`${found.version} is too old (needs Go >= 1.${MIN_GO_MINOR})`);

const [testenvBinary, controlPlaneBinary] = await Promise.all([build('testenv-build.sh', found.go), build('kargo-build.sh', found.go)]);
if (!testenvBinary) notRun('building kube-testenv failed (see the output above)');
if (!controlPlaneBinary) notRun("building Kargo's control plane failed (see the output above)");

// The scenarios run the real bin/kargo, which loads the bundle in dist/.
const bundle = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
if (bundle.status !== 0) {
  console.error('real-Kargo tier: building the CLI bundle (scripts/build.mjs) failed');
  process.exit(1);
}

const statusDir = mkdtempSync(join(tmpdir(), 'kargo-realkargo-status-'));
const statusFile = join(statusDir, 'start-failure');
const vitest = spawnSync(
  process.execPath,
  [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(repoRoot, 'vitest.realkargo.config.ts'), ...process.argv.slice(2)],
  {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, KARGO_TESTENV_BIN: testenvBinary, KARGO_CONTROLPLANE_BIN: controlPlaneBinary, KARGO_REALKARGO_STATUS_FILE: statusFile },
  },
);
const startFailure = existsSync(statusFile) ? readFileSync(statusFile, 'utf8').split('\n')[0] : undefined;
rmSync(statusDir, { recursive: true, force: true });
if (vitest.status !== 0 && startFailure) notRun(`Kargo's control plane did not start: ${startFailure}`);
process.exit(vitest.status ?? 1);
