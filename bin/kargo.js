#!/usr/bin/env node
// Launcher for the bundled CLI (dist/, built by `npm run build`). A checkout that
// has no build yet (a fresh `npm install -g .`) builds itself on this first run.
// With -v, stack traces point into src/ through the bundle's source maps.
if (process.argv.includes('-v') || process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);

function isMissingBuild(error) {
  return error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/kargo.js');
}

try {
  await import('../dist/kargo.js');
} catch (error) {
  if (!isMissingBuild(error)) throw error;
  // Build output goes to stderr: stdout stays the command's data.
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(new URL('../scripts/first-build.mjs', import.meta.url));
  const build = spawnSync(process.execPath, [script], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('kargo: the CLI could not be built; run `npm ci && npm run build` in the kargo checkout.\n');
    process.exit(1);
  }
  await import('../dist/kargo.js');
}
