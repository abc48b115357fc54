// `helm dependency update` done natively, for helm-update-chart: resolve each
// Chart.yaml dependency (HTTP(S) repositories through their index, file://
// charts from disk), put the archives in charts/, and write Chart.lock with
// Helm's digest, so `helm dependency build` and Argo CD accept it.

import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { create as createTar } from 'tar';
import { parse, stringify } from 'yaml';
import type { Clock } from '../../runtime/clock.js';
import { resolveInWorkDir } from '../workdir.js';
import { downloadChart, pickChart, repositoryIndexes } from './chart-repository.js';
import { highestSatisfying } from './semver-constraint.js';

export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  [field: string]: unknown;
}

interface LockedDependency {
  name: string;
  repository: string;
  version: string;
}

export interface DependencyUpdateContext {
  workDir: string;
  clock: Clock;
  signal: AbortSignal;
}

export async function readDependencies(file: string): Promise<ChartDependency[]> {
  const text = await readFile(file, 'utf8');
  const parsed = parse(text) as { dependencies?: ChartDependency[] } | null;
  return parsed?.dependencies ?? [];
}

/** Updates charts/ and Chart.lock; returns the changes by name (`old -> new`, new, or '' for removed). */
export async function updateChartDependencies(chartDir: string, context: DependencyUpdateContext): Promise<Map<string, string>> {
  const required = await readDependencies(join(chartDir, 'Chart.yaml'));
  const lockFile = join(chartDir, 'Chart.lock');
  const before = await readDependencies(lockFile).catch(() => [] as ChartDependency[]);
  const indexOf = repositoryIndexes(context.signal);
  const locked: LockedDependency[] = [];
  const archives = new Map<string, Buffer>();
  for (const dependency of required) {
    const repository = dependency.repository ?? '';
    const constraint = dependency.version ?? '';
    if (repository.startsWith('oci://')) {
      throw new Error(`dependency ${dependency.name}: OCI chart repositories (${repository}) are not supported by this engine's helm-update-chart`);
    }
    if (repository.startsWith('file://')) {
      const { version, archive } = await packageLocalChart(chartDir, dependency, context.workDir);
      locked.push({ name: dependency.name, repository, version });
      archives.set(`${dependency.name}-${version}.tgz`, archive);
    } else if (repository.startsWith('http://') || repository.startsWith('https://')) {
      const entries = (await indexOf(repository))[dependency.name];
      const chart = pickChart(entries, repository, dependency.name, constraint);
      locked.push({ name: dependency.name, repository, version: chart.version });
      archives.set(`${dependency.name}-${chart.version}.tgz`, await downloadChart(chart.url, context.signal));
    } else {
      throw new Error(`dependency ${dependency.name}: repository ${JSON.stringify(repository)} is not an http(s):// or file:// URL`);
    }
  }
  await replaceArchives(join(chartDir, 'charts'), required, archives);
  const changes = compareVersions(before, locked);
  if (changes.size > 0) {
    const lock = { dependencies: locked, digest: helmDigest(required, locked), generated: context.clock.now().toISOString() };
    await writeFile(lockFile, stringify(lock));
  }
  return changes;
}

async function packageLocalChart(chartDir: string, dependency: ChartDependency, workDir: string): Promise<{ version: string; archive: Buffer }> {
  const target = join(chartDir, (dependency.repository ?? '').slice('file://'.length));
  const dir = resolveInWorkDir(workDir, relative(resolveInWorkDir(workDir, '.'), target) || '.');
  const local = parse(await readFile(join(dir, 'Chart.yaml'), 'utf8')) as { version?: string } | null;
  const version = String(local?.version ?? '');
  if (dependency.version && !highestSatisfying(dependency.version, [version])) {
    throw new Error(`dependency ${dependency.name}: local chart version ${version} does not satisfy ${JSON.stringify(dependency.version)}`);
  }
  const files = await readdir(dir);
  const chunks: Buffer[] = [];
  const stream = createTar({ gzip: true, cwd: dir, prefix: dependency.name, portable: true }, files);
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { version, archive: Buffer.concat(chunks) };
}

async function replaceArchives(chartsDir: string, required: readonly ChartDependency[], archives: ReadonlyMap<string, Buffer>): Promise<void> {
  await mkdir(chartsDir, { recursive: true });
  const names = new Set(required.map((dependency) => dependency.name));
  for (const file of await readdir(chartsDir)) {
    const stale = [...names].some((name) => file.startsWith(`${name}-`) && file.endsWith('.tgz'));
    if (stale && !archives.has(file)) await rm(join(chartsDir, file));
  }
  for (const [file, archive] of archives) await writeFile(join(chartsDir, file), archive);
}

function compareVersions(before: readonly ChartDependency[], after: readonly LockedDependency[]): Map<string, string> {
  const old = new Map(before.map((dependency) => [dependency.name, String(dependency.version ?? '')]));
  const changes = new Map<string, string>();
  for (const dependency of after) {
    const previous = old.get(dependency.name);
    if (previous === undefined) changes.set(dependency.name, dependency.version);
    else if (previous !== dependency.version) changes.set(dependency.name, `${previous} -> ${dependency.version}`);
    old.delete(dependency.name);
  }
  for (const name of old.keys()) changes.set(name, '');
  return changes;
}

/** Helm's HashReq: sha256 over Go's JSON of [Chart.yaml dependencies, locked dependencies]. */
export function helmDigest(required: readonly ChartDependency[], locked: readonly LockedDependency[]): string {
  const goFields = (dependency: ChartDependency | LockedDependency) => {
    const value = dependency as ChartDependency;
    const out: Record<string, unknown> = { name: value.name };
    if (value.version) out.version = value.version;
    out.repository = value.repository ?? '';
    for (const field of ['condition', 'tags', 'enabled', 'import-values', 'alias']) {
      const item = value[field];
      if (item !== undefined && item !== '' && item !== false && !(Array.isArray(item) && item.length === 0)) out[field] = item;
    }
    return out;
  };
  const json = JSON.stringify([required.map(goFields), locked.map(goFields)])
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026');
  return `sha256:${createHash('sha256').update(json).digest('hex')}`;
}
