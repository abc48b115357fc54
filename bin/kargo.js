#!/usr/bin/env node
// Launcher for the bundled CLI (dist/, built by `npm run build`). A checkout that
// has no build yet (a fresh `npm install -g .`, which runs no install script)
// builds itself on this first run (scripts/first-build.mjs).
// The bundle's chunks are CommonJS and load through V8's code cache
// (src/runtime/compile-cache.ts), which makes every start cheaper after the first.
// With -v, stack traces point into src/ through the bundle's source maps, and
// the chunks are compiled plainly so that Node reads those maps.
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const verbose = process.argv.includes('-v') || process.argv.includes('--verbose');

function isMissingBuild(error) {
  return error?.code === 'MODULE_NOT_FOUND' && String(error.message).includes(`${dist}${path.sep}`);
}

function start() {
  if (verbose) process.setSourceMapsEnabled(true);
  else require(path.join(dist, 'compile-cache.js')).useCompileCache(dist, process.env);
  require(path.join(dist, 'kargo.js'));
}

try {
  start();
} catch (error) {
  if (!isMissingBuild(error)) throw error;
  // Build output goes to stderr: stdout stays the command's data.
  const script = path.join(__dirname, '..', 'scripts', 'first-build.mjs');
  const build = require('node:child_process').spawnSync(process.execPath, [script], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('kargo: the CLI could not be built; run `npm ci && npm run build` in the kargo checkout.\n');
    process.exit(1);
  }
  start();
}
