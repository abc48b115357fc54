import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyStep } from '../../../src/engine/steps/copy.js';
import { PathEscapeError } from '../../../src/engine/workdir.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { makeWorkDir, runStep, stepContext } from '../support/step-context.js';

let workDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ workDir, cleanup } = makeWorkDir());
  mkdirSync(join(workDir, 'src', 'sub'), { recursive: true });
  mkdirSync(join(workDir, 'src', '.git'));
  writeFileSync(join(workDir, 'src', 'a.yaml'), 'a: 1\n');
  writeFileSync(join(workDir, 'src', 'run.sh'), '#!/bin/sh\n');
  chmodSync(join(workDir, 'src', 'run.sh'), 0o755);
  writeFileSync(join(workDir, 'src', 'sub', 'b.txt'), 'b');
  writeFileSync(join(workDir, 'src', 'sub', 'skip.tmp'), 'tmp');
  writeFileSync(join(workDir, 'src', '.git', 'HEAD'), 'ref');
});
afterEach(() => cleanup());

describe('copy', () => {
  it('copies a directory tree, keeping modes, without .git, ignored files or symlinks', async () => {
    symlinkSync('/etc/passwd', join(workDir, 'src', 'link'));
    const result = await runStep(copyStep, stepContext(workDir), { inPath: 'src', outPath: 'out/dst', ignore: '# temp files\n*.tmp\n' });
    expect(result).toEqual({ status: 'Succeeded' });
    expect(readFileSync(join(workDir, 'out', 'dst', 'sub', 'b.txt'), 'utf8')).toBe('b');
    expect(statSync(join(workDir, 'out', 'dst', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(existsSync(join(workDir, 'out', 'dst', 'sub', 'skip.tmp'))).toBe(false);
    expect(existsSync(join(workDir, 'out', 'dst', '.git'))).toBe(false);
    expect(() => lstatSync(join(workDir, 'out', 'dst', 'link'))).toThrow();
  });

  it('copies a single file to a new path, creating parents, and merges into an existing directory', async () => {
    await runStep(copyStep, stepContext(workDir), { inPath: 'src/a.yaml', outPath: 'x/y/a-copy.yaml' });
    expect(readFileSync(join(workDir, 'x', 'y', 'a-copy.yaml'), 'utf8')).toBe('a: 1\n');
    mkdirSync(join(workDir, 'merged'));
    writeFileSync(join(workDir, 'merged', 'keep.txt'), 'keep');
    await runStep(copyStep, stepContext(workDir), { inPath: 'src/sub', outPath: 'merged' });
    expect(readFileSync(join(workDir, 'merged', 'keep.txt'), 'utf8')).toBe('keep');
    expect(readFileSync(join(workDir, 'merged', 'b.txt'), 'utf8')).toBe('b');
  });

  it('reports a missing source with the config path, not the host path', async () => {
    await expect(runStep(copyStep, stepContext(workDir), { inPath: 'nope', outPath: 'out' })).rejects.toThrow(
      'failed to copy "nope" to "out": lstat nope: no such file or directory',
    );
  });

  it('refuses paths outside the working directory and copies nothing', async () => {
    await expect(runStep(copyStep, stepContext(workDir), { inPath: '../etc', outPath: 'out' })).rejects.toBeInstanceOf(PathEscapeError);
    await expect(runStep(copyStep, stepContext(workDir), { inPath: 'src', outPath: '/tmp/out' })).rejects.toThrow('must be relative');
    expect(existsSync(join(workDir, 'out'))).toBe(false);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('copy', copyStep.validate, [
      { name: 'minimal', config: { inPath: 'a', outPath: 'b' }, valid: true },
      { name: 'with ignore', config: { inPath: 'a', outPath: 'b', ignore: '*.tmp' }, valid: true },
      { name: 'missing inPath', config: { outPath: 'b' }, valid: false },
      { name: 'missing outPath', config: { inPath: 'a' }, valid: false },
      { name: 'empty inPath', config: { inPath: '', outPath: 'b' }, valid: false },
      { name: 'empty ignore', config: { inPath: 'a', outPath: 'b', ignore: '' }, valid: false },
      { name: 'unknown key', config: { inPath: 'a', outPath: 'b', recursive: true }, valid: false },
      { name: 'number path', config: { inPath: 1, outPath: 'b' }, valid: false },
    ]);
    expect(copyStep.validate({ outPath: 'b' })).toEqual(['(root): inPath is required']);
  });
});
