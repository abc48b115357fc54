import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PathEscapeError, resolveInWorkDir } from '../../src/engine/workdir.js';
import { TerminalStepError } from '../../src/engine/step.js';

let base: string;
let workDir: string;

beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'workdir-')));
  workDir = join(base, 'work');
  mkdirSync(join(workDir, 'repo', 'env'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('resolveInWorkDir', () => {
  it('resolves relative paths, existing or not', () => {
    expect(resolveInWorkDir(workDir, 'repo/env')).toBe(join(workDir, 'repo', 'env'));
    expect(resolveInWorkDir(workDir, './repo/new/file.yaml')).toBe(join(workDir, 'repo', 'new', 'file.yaml'));
    expect(resolveInWorkDir(workDir, 'repo/../repo/env')).toBe(join(workDir, 'repo', 'env'));
    expect(resolveInWorkDir(workDir, '.')).toBe(workDir);
  });

  it('refuses ../ and absolute paths with a terminal error', () => {
    expect(() => resolveInWorkDir(workDir, '../outside/secret.txt')).toThrow('path "../outside/secret.txt" attempts to traverse outside the working directory');
    expect(() => resolveInWorkDir(workDir, 'repo/../../x')).toThrow(PathEscapeError);
    expect(() => resolveInWorkDir(workDir, '/etc/passwd')).toThrow('path "/etc/passwd" must be relative');
    expect(() => resolveInWorkDir(workDir, '/etc/passwd')).toThrow(TerminalStepError);
  });

  it('follows symlinks that stay inside', () => {
    symlinkSync('repo/env', join(workDir, 'short'));
    symlinkSync(join(workDir, 'repo'), join(workDir, 'abs'));
    expect(resolveInWorkDir(workDir, 'short/a.yaml')).toBe(join(workDir, 'repo', 'env', 'a.yaml'));
    expect(resolveInWorkDir(workDir, 'abs/env')).toBe(join(workDir, 'repo', 'env'));
  });

  it('refuses symlinks that escape, relative or absolute, anywhere in the path', () => {
    symlinkSync('../../outside', join(workDir, 'repo', 'up'));
    symlinkSync(join(base, 'outside'), join(workDir, 'abs-out'));
    symlinkSync(join(base, 'outside', 'missing.txt'), join(workDir, 'dangling'));
    for (const path of ['repo/up/secret.txt', 'abs-out/secret.txt', 'abs-out', 'dangling']) {
      expect(() => resolveInWorkDir(workDir, path)).toThrow(`path "${path}" resolves outside the working directory through a symlink`);
    }
  });

  it('keeps a final symlink when asked (deleting the link, not its target)', () => {
    symlinkSync(join(base, 'outside'), join(workDir, 'abs-out'));
    expect(resolveInWorkDir(workDir, 'abs-out', { keepFinalSymlink: true })).toBe(join(workDir, 'abs-out'));
  });

  it('stops a symlink loop', () => {
    symlinkSync('loop-b', join(workDir, 'loop-a'));
    symlinkSync('loop-a', join(workDir, 'loop-b'));
    expect(() => resolveInWorkDir(workDir, 'loop-a/x')).toThrow('too many levels of symbolic links');
  });
});
