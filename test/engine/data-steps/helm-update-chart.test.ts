import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helmDigest } from '../../../src/engine/files/chart-lock.js';
import { highestSatisfying } from '../../../src/engine/files/semver-constraint.js';
import { helmUpdateChartStep } from '../../../src/engine/steps/helm-update-chart.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { closedPortUrl, startTestServer, type TestServer } from './http-server.js';
import { readText, runStep, workDirWith } from './support.js';
import { tarball } from './tarball.js';

const chartArchive = (version: string) =>
  tarball([{ name: 'examplechart/Chart.yaml', body: `apiVersion: v2\nname: examplechart\nversion: ${version}\n` }], { gzip: true });

let repo: TestServer;
beforeAll(async () => {
  repo = await startTestServer();
  const archives = { '0.1.0': chartArchive('0.1.0'), '0.2.0': chartArchive('0.2.0'), '1.0.0-rc.1': chartArchive('1.0.0-rc.1') };
  repo.on('/index.yaml', (_req, res) =>
    res.writeHead(200).end(
      'apiVersion: v1\nentries:\n  examplechart:\n' +
        Object.keys(archives)
          .map((version) => `  - name: examplechart\n    version: ${version}\n    urls: [charts/examplechart-${version}.tgz]\n`)
          .join(''),
    ),
  );
  for (const [version, archive] of Object.entries(archives)) {
    repo.on(`/charts/examplechart-${version}.tgz`, (_req, res) => res.writeHead(200).end(archive));
  }
});
afterAll(() => repo.close());

const umbrella = (repository: string, version: string) =>
  `apiVersion: v2\nname: umbrella # the app\nversion: 0.1.0\ndependencies:\n- name: examplechart\n  version: "${version}"\n  repository: ${repository}\n`;

describe('helm-update-chart', () => {
  it('sets the version in Chart.yaml, downloads the chart and writes Chart.lock with Helm’s digest', async () => {
    const workDir = await workDirWith({ 'testchart/Chart.yaml': umbrella(repo.url, '>=0.0.1') });
    const result = await runStep(helmUpdateChartStep, workDir, {
      path: 'testchart',
      charts: [{ repository: repo.url, name: 'examplechart', version: '0.1.0' }],
    });
    expect(result).toEqual({
      status: 'Succeeded',
      output: { commitMessage: 'Updated chart dependencies for testchart\n\n- examplechart: 0.1.0' },
    });
    expect(await readText(workDir, 'testchart/Chart.yaml')).toBe(umbrella(repo.url, '0.1.0').replace('"0.1.0"', '0.1.0'));
    expect(await readdir(join(workDir, 'testchart/charts'))).toEqual(['examplechart-0.1.0.tgz']);
    const lock = parse(await readText(workDir, 'testchart/Chart.lock'));
    const locked = [{ name: 'examplechart', repository: repo.url, version: '0.1.0' }];
    expect(lock.dependencies).toEqual(locked);
    const goField = { name: 'examplechart', version: '0.1.0', repository: repo.url };
    const goJson = JSON.stringify([[goField], [goField]]);
    expect(lock.digest).toBe(`sha256:${createHash('sha256').update(goJson).digest('hex')}`);
  });

  it('resolves a range to the highest release, then reports the move and drops the old archive', async () => {
    const workDir = await workDirWith({ 'c/Chart.yaml': umbrella(repo.url, '~0.1.0') });
    await runStep(helmUpdateChartStep, workDir, { path: 'c' });
    const result = await runStep(helmUpdateChartStep, workDir, { path: 'c', charts: [{ repository: repo.url, name: 'examplechart', version: '^0.2.0' }] });
    expect(result.output).toEqual({ commitMessage: 'Updated chart dependencies for c\n\n- examplechart: 0.1.0 -> 0.2.0' });
    expect(await readdir(join(workDir, 'c/charts'))).toEqual(['examplechart-0.2.0.tgz']);
    expect(await runStep(helmUpdateChartStep, workDir, { path: 'c' })).toEqual({ status: 'Succeeded' });
  });

  it('packages a file:// dependency from inside the working directory and refuses one outside it', async () => {
    const workDir = await workDirWith({
      'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- name: lib\n  version: 2.x\n  repository: file://../lib\n',
      'lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 2.3.0\n',
      'lib/templates/a.yaml': 'kind: ConfigMap\n',
      'escape/Chart.yaml': 'apiVersion: v2\nname: e\nversion: 1.0.0\ndependencies:\n- name: lib\n  repository: file://../../outside\n',
    });
    expect((await runStep(helmUpdateChartStep, workDir, { path: 'app' })).output).toEqual({
      commitMessage: 'Updated chart dependencies for app\n\n- lib: 2.3.0',
    });
    expect(await readdir(join(workDir, 'app/charts'))).toEqual(['lib-2.3.0.tgz']);
    await expect(runStep(helmUpdateChartStep, workDir, { path: 'escape' })).rejects.toThrow(/outside the working directory/);
  });

  it('errors on an unknown dependency, a missing Chart.yaml, an unreachable repository, and OCI', async () => {
    const down = await closedPortUrl();
    const workDir = await workDirWith({
      'c/Chart.yaml': umbrella(repo.url, '0.1.0'),
      'd/Chart.yaml': umbrella(down, '0.1.0'),
      'o/Chart.yaml': umbrella('oci://registry.example.com/charts', '0.1.0'),
    });
    await expect(runStep(helmUpdateChartStep, workDir, { path: 'c', charts: [{ repository: repo.url, name: 'other', version: '1' }] })).rejects.toThrow(
      `process dependency updates: no dependency in Chart.yaml matches update with repository "${repo.url}" and name "other"`,
    );
    await expect(runStep(helmUpdateChartStep, workDir, { path: 'none' })).rejects.toThrow(
      'get chart dependencies: read file "none/Chart.yaml": no such file or directory',
    );
    await expect(runStep(helmUpdateChartStep, workDir, { path: 'd' })).rejects.toThrow(/^update chart dependencies: Get ".*index.yaml": connect ECONNREFUSED/);
    await expect(runStep(helmUpdateChartStep, workDir, { path: 'o' })).rejects.toThrow(/OCI chart repositories .* are not supported/);
    await expect(
      runStep(helmUpdateChartStep, workDir, { path: 'c', charts: [{ repository: repo.url, name: 'examplechart', version: '9.9.9' }] }),
    ).rejects.toThrow(/no version of "examplechart" .* satisfies "9.9.9"/);
  });

  it('matches versions against constraints as Masterminds/semver does', () => {
    const versions = ['0.1.0', '0.1.5', '0.2.0', '1.0.0-rc.1', '1.0.0', '1.2.3', '2.0.0'];
    expect(highestSatisfying('>=0.0.1', versions)).toBe('2.0.0');
    expect(highestSatisfying('~0.1.0', versions)).toBe('0.1.5');
    expect(highestSatisfying('^0.1.0', versions)).toBe('0.1.5');
    expect(highestSatisfying('^1.0.0', versions)).toBe('1.2.3');
    expect(highestSatisfying('1.x', versions)).toBe('1.2.3');
    expect(highestSatisfying('>=1.0.0-rc.0 <1.0.0', versions)).toBe('1.0.0-rc.1');
    expect(highestSatisfying('>0.1.0, <1.0.0', versions)).toBe('0.2.0');
    expect(highestSatisfying('<0.1.0 || 2.0.0', versions)).toBe('2.0.0');
    expect(highestSatisfying('!=2.0.0', versions)).toBe('1.2.3');
  });

  it("escapes <, > and & in the digest's JSON as Go does", () => {
    const required = [{ name: 'a', version: '>=1.0.0', repository: 'https://x' }];
    const locked = [{ name: 'a', version: '1.0.0', repository: 'https://x' }];
    const goJson = '[[{"name":"a","version":"\\u003e=1.0.0","repository":"https://x"}],[{"name":"a","version":"1.0.0","repository":"https://x"}]]';
    expect(helmDigest(required, locked)).toBe(`sha256:${createHash('sha256').update(goJson).digest('hex')}`);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('helm-update-chart', helmUpdateChartStep.validate, [
      { name: 'path only', config: { path: 'c' }, valid: true },
      { name: 'charts', config: { path: 'c', charts: [{ repository: 'r', name: 'n', version: 'v' }] }, valid: true },
      { name: 'empty charts', config: { path: 'c', charts: [] }, valid: false },
      { name: 'chart without version', config: { path: 'c', charts: [{ repository: 'r', name: 'n' }] }, valid: false },
      { name: 'no path', config: {}, valid: false },
    ]);
  });
});
