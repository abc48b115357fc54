// Applies examples/status/ (what Kargo's controller would have written) to the
// cluster kubectl points at, after `kubectl apply -f examples/`, with every
// timestamp moved so the fixtures read as of now (the Freight's discoveredAt,
// which the AGE column shows, too): they are written as of FIXTURES_WRITTEN_AT (the moment the tests' fixed
// clock reads too), so 'soaked 114h/1h' means the same on any day, not '268h/1h'.
// One story is then laid on top, as of now: brave-heron (1.5.0) arrived in
// staging-us 40 minutes ago and in staging-eu 3 hours ago, so production's hour of
// soak is not over and `kargo promote --freight brave-heron --stage prod-us` is
// refused until it is (or until someone approves it).
//
//   node scripts/apply-example-status.mjs [-- extra kubectl flags, e.g. --context NAME]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parseDocument } from 'yaml';

export const FIXTURES_WRITTEN_AT = Date.parse('2026-11-23T12:00:00Z');
const BRAVE_HERON = '59ff495f5332c86b41ef35483da123fdc033fb84';
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

const statusDir = fileURLToPath(new URL('../examples/status/', import.meta.url));
const freightFile = fileURLToPath(new URL('../examples/50-freight.yaml', import.meta.url));

/** Every RFC 3339 timestamp in the value moved by shiftMs. */
export function shiftTimestamps(value, shiftMs) {
  if (typeof value === 'string' && TIMESTAMP.test(value)) return iso(Date.parse(value) + shiftMs);
  if (Array.isArray(value)) return value.map((item) => shiftTimestamps(item, shiftMs));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shiftTimestamps(item, shiftMs)]));
  return value;
}

function iso(ms) {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The patches to apply as of `now`: shifted status fixtures and discoveredAt, then the brave-heron story. */
export function examplePatches(now) {
  const shift = now - FIXTURES_WRITTEN_AT;
  const patches = readdirSync(statusDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => shiftTimestamps(parseDocument(readFileSync(join(statusDir, file), 'utf8')).toJS(), shift));
  // Not status: a merge patch of the Freight itself (its discoveredAt), marked so.
  for (const document of parseAllDocuments(readFileSync(freightFile, 'utf8'))) {
    const freight = document.toJS();
    if (freight?.kind !== 'Freight' || !freight.discoveredAt) continue;
    patches.push({
      apiVersion: freight.apiVersion,
      kind: 'Freight',
      metadata: freight.metadata,
      discoveredAt: shiftTimestamps(freight.discoveredAt, shift),
      subresource: 'none',
    });
  }
  const minutesAgo = (minutes) => iso(now - minutes * 60_000);
  patches.push({
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name: BRAVE_HERON, namespace: 'my-web-app' },
    status: { currentlyIn: { 'staging-us': { since: minutesAgo(40) }, 'staging-eu': { since: minutesAgo(180) } } },
  });
  return patches;
}

function apply(patches, kubectlFlags) {
  const dir = mkdtempSync(join(tmpdir(), 'kargo-example-status-'));
  try {
    patches.forEach((patch, index) => {
      const file = join(dir, `${String(index).padStart(2, '0')}.json`);
      const { subresource, ...body } = patch;
      writeFileSync(file, JSON.stringify(body));
      const target = subresource === 'none' ? [] : ['--subresource=status'];
      const result = spawnSync('kubectl', [...kubectlFlags, 'patch', '-f', file, ...target, '--type=merge', '--patch-file', file], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (result.error) throw new Error(`cannot run kubectl: ${result.error.message}`);
      if (result.status !== 0) process.exit(result.status ?? 1);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const separator = process.argv.indexOf('--');
  apply(examplePatches(Date.now()), separator < 0 ? [] : process.argv.slice(separator + 1));
  process.stdout.write(`status of ${readdirSync(statusDir).filter((file) => file.endsWith('.yaml')).length} example objects applied, dated relative to now\n`);
}
