import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untarStep } from '../../../src/engine/steps/untar.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';
import { tarball } from './tarball.js';

const listing = async (dir: string): Promise<string[]> => (await readdir(dir, { recursive: true })).map((entry) => entry.toString()).sort();

describe('untar', () => {
  it('extracts a gzipped tarball with stripComponents, replacing the output directory', async () => {
    const archive = tarball(
      [
        { name: 'chart/', type: 'dir' },
        { name: 'chart/Chart.yaml', body: 'name: web\n' },
        { name: 'chart/templates/cm.yaml', body: 'kind: ConfigMap\n', mode: 0o4755 },
        { name: 'chart/.git/config', body: 'x' },
        { name: 'chart/pipe', type: 'fifo' },
      ],
      { gzip: true },
    );
    const workDir = await workDirWith({ 'in/chart.tgz': archive, 'out/stale.txt': 'old' });
    expect(await runStep(untarStep, workDir, { inPath: 'in/chart.tgz', outPath: 'out', stripComponents: 1 })).toEqual({ status: 'Succeeded' });
    expect(await listing(join(workDir, 'out'))).toEqual(['Chart.yaml', 'templates', 'templates/cm.yaml']);
    expect(await readText(workDir, 'out/Chart.yaml')).toBe('name: web\n');
    expect((await stat(join(workDir, 'out/templates/cm.yaml'))).mode & 0o7777).toBe(0o755);
    expect((await readdir(workDir)).sort()).toEqual(['in', 'out']);
  });

  it('applies gitignore-style ignore rules', async () => {
    const archive = tarball([
      { name: 'include.txt', body: 'include me' },
      { name: 'ignore.txt', body: 'ignore me' },
      { name: 'logs/a.log', body: 'log' },
      { name: 'keep/b.txt', body: 'b' },
    ]);
    const workDir = await workDirWith({ 'a.tar': archive });
    await runStep(untarStep, workDir, { inPath: 'a.tar', outPath: 'x', ignore: 'ignore.txt' });
    expect(await listing(join(workDir, 'x'))).toEqual(['include.txt', 'keep', 'keep/b.txt', 'logs', 'logs/a.log']);
    await runStep(untarStep, workDir, { inPath: 'a.tar', outPath: 'y', ignore: '# build output\n*.log\nkeep/\n' });
    expect(await listing(join(workDir, 'y'))).toEqual(['ignore.txt', 'include.txt']);
  });

  it('skips entries and links that would escape the output directory, and says so', async () => {
    const archive = tarball([
      { name: '../outside.txt', body: 'evil' },
      { name: '/etc/passwd-copy', body: 'evil' },
      { name: 'subdir/../../outside.txt', body: 'evil' },
      { name: './config.txt', body: 'x' },
      { name: 'safe.txt', body: 'safe' },
      { name: 'safe_link.txt', type: 'symlink', linkname: 'safe.txt' },
      { name: 'up', type: 'symlink', linkname: '..' },
      { name: 'abs', type: 'symlink', linkname: '/etc' },
    ]);
    const workDir = await workDirWith({ 'evil.tar': archive });
    const result = await runStep(untarStep, workDir, { inPath: 'evil.tar', outPath: 'out' });
    expect(result.status).toBe('Succeeded');
    expect(result.message).toBe(
      'skipped 6 unsafe tar entries: "../outside.txt" would escape the output directory; "/etc/passwd-copy" is absolute; ' +
        '"subdir/../../outside.txt" would escape the output directory; "./config.txt" starts with ./; ' +
        '"up" links outside the output directory (".."); "abs" links outside the output directory ("/etc")',
    );
    expect(await listing(join(workDir, 'out'))).toEqual(['safe.txt', 'safe_link.txt']);
    expect(await readlink(join(workDir, 'out/safe_link.txt'))).toBe('safe.txt');
    expect((await lstat(join(workDir, 'out/safe_link.txt'))).isSymbolicLink()).toBe(true);
    expect((await readdir(workDir)).sort()).toEqual(['evil.tar', 'out']);
  });

  it('errors on a missing archive, a file that is not a tarball, and a path outside the working directory', async () => {
    const workDir = await workDirWith({ 'notes.txt': 'this is not a tar file, just some text that is long enough'.repeat(20), 'out/keep.txt': 'kept' });
    await expect(runStep(untarStep, workDir, { inPath: 'missing.tar', outPath: 'out' })).rejects.toThrow(
      'failed to extract tar file "missing.tar": failed to open tar file "missing.tar": no such file or directory',
    );
    await expect(runStep(untarStep, workDir, { inPath: 'notes.txt', outPath: 'out' })).rejects.toThrow(
      /^failed to extract tar file "notes.txt": error reading tar: /,
    );
    expect(await readText(workDir, 'out/keep.txt')).toBe('kept');
    await expect(runStep(untarStep, workDir, { inPath: 'notes.txt', outPath: '../out' })).rejects.toThrow(/outside the working directory/);
    await expect(runStep(untarStep, workDir, { inPath: 'notes.txt', outPath: '.' })).rejects.toThrow(/is the working directory itself/);
    expect((await readdir(workDir)).sort()).toEqual(['notes.txt', 'out']);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('untar', untarStep.validate, [
      { name: 'minimal', config: { inPath: 'a', outPath: 'b' }, valid: true },
      { name: 'kitchen sink', config: { inPath: 'a', outPath: 'b', stripComponents: 3, ignore: '*.log\n' }, valid: true },
      { name: 'negative strip', config: { inPath: 'a', outPath: 'b', stripComponents: -1 }, valid: false },
      { name: 'fractional strip', config: { inPath: 'a', outPath: 'b', stripComponents: 1.5 }, valid: false },
      { name: 'empty ignore', config: { inPath: 'a', outPath: 'b', ignore: '' }, valid: false },
      { name: 'no inPath', config: { outPath: 'b' }, valid: false },
    ]);
  });
});
