#!/usr/bin/env node
// Launcher for the bundled CLI (built by `npm run build`, which `npm install` runs).
// CommonJS (bin/package.json) so that it can require() the ES module bundle:
// Node >= 20.19 loads it synchronously, which starts faster than import().
// With -v, stack traces point into src/ through the bundle's source maps.
if (process.argv.includes('-v') || process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
try {
  require('../dist/kargo.js');
} catch (error) {
  if (error?.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/kargo.js')) {
    process.stderr.write('kargo: the CLI is not built yet; run `npm run build` in the kargo checkout.\n');
    process.exit(1);
  }
  throw error;
}
