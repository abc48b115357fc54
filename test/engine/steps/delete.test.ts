import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteStep } from '../../../src/engine/steps/delete.js';
import { TerminalStepError } from '../../../src/engine/step.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { makeWorkDir, runStep, stepContext } from '../support/step-context.js';

let workDir: string;
let cleanup: () => void;
let outside: ReturnType<typeof makeWorkDir>;
beforeEach(() => {
  ({ workDir, cleanup } = makeWorkDir());
  outside = makeWorkDir();
  writeFileSync(join(outside.workDir, 'precious.txt'), 'keep me');
  mkdirSync(join(workDir, 'repo', 'env', 'dev'), { recursive: true });
  mkdirSync(join(workDir, 'repo', 'env', 'prod'), { recursive: true });
  writeFileSync(join(workDir, 'repo', 'env', 'dev', 'a.yaml'), 'a');
  writeFileSync(join(workDir, 'repo', 'env', 'prod', 'a.yaml'), 'a');
  writeFileSync(join(workDir, 'repo', 'env', 'prod', 'b.json'), 'b');
  writeFileSync(join(workDir, 'repo', 'README.md'), 'r');
});
afterEach(() => {
  cleanup();
  outside.cleanup();
});

describe('delete', () => {
  it('deletes literal files and directories; missing paths are fine unless strict', async () => {
    expect(await runStep(deleteStep, stepContext(workDir), { paths: ['repo/env/dev', 'repo/README.md', 'not-there'] })).toEqual({ status: 'Succeeded' });
    expect(existsSync(join(workDir, 'repo', 'env', 'dev'))).toBe(false);
    expect(existsSync(join(workDir, 'repo', 'README.md'))).toBe(false);
    await expect(runStep(deleteStep, stepContext(workDir), { path: 'not-there', strict: true })).rejects.toThrow('path "not-there" does not exist');
  });

  it('deletes by glob, ** crossing directories', async () => {
    await runStep(deleteStep, stepContext(workDir), { path: 'repo/**/*.yaml', pathsAreGlobs: true });
    expect(existsSync(join(workDir, 'repo', 'env', 'dev', 'a.yaml'))).toBe(false);
    expect(existsSync(join(workDir, 'repo', 'env', 'prod', 'a.yaml'))).toBe(false);
    expect(existsSync(join(workDir, 'repo', 'env', 'prod', 'b.json'))).toBe(true);
    await runStep(deleteStep, stepContext(workDir), { paths: ['./repo/env/{dev,prod}'], pathsAreGlobs: true });
    expect(existsSync(join(workDir, 'repo', 'env', 'prod'))).toBe(false);
    await expect(runStep(deleteStep, stepContext(workDir), { path: '*.nothing', pathsAreGlobs: true, strict: true })).rejects.toThrow(
      'no paths matched pattern "*.nothing"',
    );
  });

  it('refuses a malformed glob as a final error', async () => {
    await expect(runStep(deleteStep, stepContext(workDir), { path: 'repo/[abc', pathsAreGlobs: true })).rejects.toBeInstanceOf(TerminalStepError);
  });

  it('removes a symlink itself, never its target outside', async () => {
    symlinkSync(outside.workDir, join(workDir, 'link'));
    await runStep(deleteStep, stepContext(workDir), { path: 'link' });
    expect(existsSync(join(workDir, 'link'))).toBe(false);
    expect(readFileSync(join(outside.workDir, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses to reach outside through .., absolute paths or symlinked directories', async () => {
    symlinkSync(outside.workDir, join(workDir, 'link'));
    for (const path of ['../x', '/etc/hosts', 'link/precious.txt']) {
      await expect(runStep(deleteStep, stepContext(workDir), { path })).rejects.toThrow(/outside the working directory|must be relative/);
    }
    expect(readFileSync(join(outside.workDir, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('delete', deleteStep.validate, [
      { name: 'path', config: { path: 'a' }, valid: true },
      { name: 'paths', config: { paths: ['a', 'b'], pathsAreGlobs: true, strict: true }, valid: true },
      { name: 'neither', config: {}, valid: false },
      { name: 'both', config: { path: 'a', paths: ['b'] }, valid: false },
      { name: 'empty paths', config: { paths: [] }, valid: false },
      { name: 'empty entry', config: { paths: [''] }, valid: false },
      { name: 'strict not bool', config: { path: 'a', strict: 'yes' }, valid: false },
      { name: 'unknown key', config: { path: 'a', force: true }, valid: false },
    ]);
    expect(deleteStep.validate({})).toEqual(['(root): Must validate one and only one schema (oneOf)', '(root): path is required']);
  });
});
