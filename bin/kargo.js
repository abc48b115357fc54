#!/usr/bin/env node
// Launcher for the bundled CLI (dist/, built by `npm run build`). A checkout that
// has no build yet (a fresh `npm install -g .`, which runs no install script)
// builds itself on this first run (scripts/first-build.mjs).
// CommonJS (bin/package.json) so that it can require() the ES module bundle:
// Node >= 20.19 loads it synchronously, which starts faster than import().
// With -v, stack traces point into src/ through the bundle's source maps.
if (process.argv.includes('-v') || process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);

function isMissingBuild(error) {
  return error?.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/kargo.js');
}

try {
  require('../dist/kargo.js');
} catch (error) {
  if (!isMissingBuild(error)) throw error;
  // Build output goes to stderr: stdout stays the command's data.
  const script = require('node:path').join(__dirname, '..', 'scripts', 'first-build.mjs');
  const build = require('node:child_process').spawnSync(process.execPath, [script], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('kargo: the CLI could not be built; run `npm ci && npm run build` in the kargo checkout.\n');
    process.exit(1);
  }
  require('../dist/kargo.js');
}
