// Builds dist/ the first time kargo runs from a checkout that has none (bin/kargo.js
// calls this). `npm install -g .` links the checkout without installing its
// dependencies and, as npm moves to opt-in install scripts, without running them;
// so kargo has no install script and builds itself here instead: `npm ci` for the
// build tools when they are missing, then scripts/build.mjs. The bundle needs
// nothing from node_modules at run time. Progress goes to stderr; a second kargo
// started meanwhile waits for this build instead of starting its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const lock = `${root}.first-build.lock`;
const built = `${root}dist/kargo.js`;
const STALE_LOCK_MS = 10 * 60_000;

function hasBuildTools() {
  try {
    createRequire(`${root}package.json`).resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

function takeLock() {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) {
      rmSync(lock, { recursive: true, force: true });
      return takeLock();
    }
    return false;
  }
}

async function waitForOtherBuild() {
  process.stderr.write('kargo: waiting for another kargo to finish building dist/\n');
  while (existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 200));
  process.exit(existsSync(built) ? 0 : 1);
}

if (!takeLock()) await waitForOtherBuild();
try {
  if (!existsSync(built)) {
    process.stderr.write('kargo: first run from this checkout: building dist/ (once; about half a minute)\n');
    if (!hasBuildTools()) {
      const args = ['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
      const npm = spawnSync('npm', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
      if (npm.status !== 0) {
        process.stderr.write(`kargo: 'npm ci' in ${root} failed (above); run it there yourself, then 'npm run build'.\n`);
        process.exit(1);
      }
    }
    await import('./build.mjs');
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
