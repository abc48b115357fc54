import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileWriteStep } from '../../../src/engine/steps/file-write.js';
import { TerminalStepError } from '../../../src/engine/step.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { makeWorkDir, runStep, stepContext } from '../support/step-context.js';

let workDir: string;
let cleanup: () => void;
beforeEach(() => ({ workDir, cleanup } = makeWorkDir()));
afterEach(() => cleanup());

describe('file-write', () => {
  it('writes a new file with 0600 by default, or the given mode', async () => {
    expect(await runStep(fileWriteStep, stepContext(workDir), { path: 'a/b/c.txt', contents: 'hello' })).toEqual({ status: 'Succeeded' });
    expect(readFileSync(join(workDir, 'a', 'b', 'c.txt'), 'utf8')).toBe('hello');
    expect(statSync(join(workDir, 'a', 'b', 'c.txt')).mode & 0o777).toBe(0o600);
    await runStep(fileWriteStep, stepContext(workDir), { path: 'run.sh', contents: '#!/bin/sh', permissions: '0755' });
    expect(statSync(join(workDir, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('replaces an existing file only with overwrite', async () => {
    writeFileSync(join(workDir, 'x.txt'), 'old');
    await expect(runStep(fileWriteStep, stepContext(workDir), { path: 'x.txt', contents: 'new' })).rejects.toThrow(
      'file "x.txt" already exists; set overwrite to true to replace it',
    );
    expect(readFileSync(join(workDir, 'x.txt'), 'utf8')).toBe('old');
    await runStep(fileWriteStep, stepContext(workDir), { path: 'x.txt', contents: 'new', overwrite: true });
    expect(readFileSync(join(workDir, 'x.txt'), 'utf8')).toBe('new');
  });

  it('refuses .git, absolute paths, .. and symlinks, as Failed', async () => {
    mkdirSync(join(workDir, 'real'));
    symlinkSync('real', join(workDir, 'alias'));
    const cases: [string, string][] = [
      ['.git/config', 'writing to the .git directory is forbidden: ".git/config"'],
      ['/etc/x', 'path "/etc/x" must be relative'],
      ['../x', 'path "../x" attempts to traverse outside the working directory'],
      ['alias/x', 'path "alias/x" resolves to a different path "real/x" (symlinks are forbidden)'],
    ];
    for (const [path, message] of cases) {
      const attempt = runStep(fileWriteStep, stepContext(workDir), { path, contents: 'x' });
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.toMatchObject({ status: 'Failed' });
      await expect(attempt).rejects.toBeInstanceOf(TerminalStepError);
    }
    expect(existsSync(join(workDir, 'real', 'x'))).toBe(false);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('file-write', fileWriteStep.validate, [
      { name: 'minimal', config: { path: 'a', contents: '' }, valid: true },
      { name: 'full', config: { path: 'a', contents: 'x', permissions: '0644', overwrite: true }, valid: true },
      { name: 'no contents', config: { path: 'a' }, valid: false },
      { name: 'empty path', config: { path: '', contents: 'x' }, valid: false },
      { name: 'decimal permissions', config: { path: 'a', contents: 'x', permissions: '644' }, valid: false },
      { name: 'permissions 0800', config: { path: 'a', contents: 'x', permissions: '0800' }, valid: false },
      { name: 'contents not string', config: { path: 'a', contents: 1 }, valid: false },
    ]);
    expect(fileWriteStep.validate({ path: 'a', contents: 'x', permissions: '644' })).toEqual(["permissions: Does not match pattern '^0[0-7]{3}$'"]);
  });
});
