import { describe, expect, it } from 'vitest';
import { yamlUpdateStep } from '../../../src/engine/steps/yaml-update.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';

describe('yaml-update', () => {
  it("sets scalars, quotes strings that would read as numbers, and writes Kargo's commit message", async () => {
    const workDir = await workDirWith({
      'values.yaml': '# top comment\nimage:\n  tag: oldtag # keep me\n  numStr: "5"\n  realNum: 5\nlist:\n- a\n- b\n',
    });
    const result = await runStep(yamlUpdateStep, workDir, {
      path: 'values.yaml',
      updates: [
        { key: 'image.tag', value: 'fake-tag' },
        { key: 'image.numStr', value: '42' },
        { key: 'image.realNum', value: 42 },
        { key: 'list.1', value: 'c' },
      ],
    });
    expect(result).toEqual({
      status: 'Succeeded',
      output: {
        commitMessage: 'Updated values.yaml\n\n- image.tag: fake-tag\n- image.numStr: "42"\n- image.realNum: 42\n- list.1: c',
      },
    });
    expect(await readText(workDir, 'values.yaml')).toBe('# top comment\nimage:\n  tag: fake-tag # keep me\n  numStr: "42"\n  realNum: 42\nlist:\n- a\n- c\n');
  });

  it('follows escaped dots and keeps a block scalar file valid', async () => {
    const workDir = await workDirWith({
      'v.yaml': 'annotations:\n  example.com/version: "1"\nnotes: |\n  line one\n  line two\nafter: x\n',
    });
    await runStep(yamlUpdateStep, workDir, {
      path: 'v.yaml',
      updates: [
        { key: 'annotations.example\\.com/version', value: 'v2' },
        { key: 'notes', value: 'a: b' },
      ],
    });
    expect(await readText(workDir, 'v.yaml')).toBe('annotations:\n  example.com/version: v2\nnotes: "a: b"\nafter: x\n');
  });

  it('addresses the first document of a multi-document file and leaves the others alone', async () => {
    const workDir = await workDirWith({ 'multi.yaml': 'tag: a\n---\ntag: b\n' });
    await runStep(yamlUpdateStep, workDir, { path: 'multi.yaml', updates: [{ key: 'tag', value: 'c' }] });
    expect(await readText(workDir, 'multi.yaml')).toBe('tag: c\n---\ntag: b\n');
  });

  it.each([
    ['a key that is not there', 'image.digest', 'error finding key image.digest: key path not found'],
    ['a key naming a map', 'image', 'error finding key image: key path does not address a scalar node'],
    ['a non-numeric sequence index', 'list.first', 'error finding key list.first: strconv.Atoi: parsing "first": invalid syntax'],
    ['an empty key part', 'image..tag', 'error splitting key image..tag: empty key part in key "image..tag"'],
  ])('fails on %s and leaves the file alone', async (_name, key, message) => {
    const original = 'image:\n  tag: old\nlist:\n- a\n';
    const workDir = await workDirWith({ 'values.yaml': original });
    await expect(runStep(yamlUpdateStep, workDir, { path: 'values.yaml', updates: [{ key, value: 'x' }] })).rejects.toThrow(
      `values file update failed: error updating image references in values file "values.yaml": error mutating bytes: ${message}`,
    );
    expect(await readText(workDir, 'values.yaml')).toBe(original);
  });

  it('fails on a missing file and on YAML that does not parse', async () => {
    const workDir = await workDirWith({ 'bad.yaml': 'characters:\n- name: Anakin\n\taffiliation: Light side\n' });
    await expect(runStep(yamlUpdateStep, workDir, { path: 'nope/values.yaml', updates: [{ key: 'a', value: 1 }] })).rejects.toThrow(
      'error reading file "nope/values.yaml": no such file or directory',
    );
    await expect(runStep(yamlUpdateStep, workDir, { path: 'bad.yaml', updates: [{ key: 'a', value: 1 }] })).rejects.toThrow(
      /error mutating bytes: error unmarshaling input: /,
    );
  });

  it('refuses a path outside the working directory', async () => {
    const workDir = await workDirWith();
    await expect(runStep(yamlUpdateStep, workDir, { path: '../values.yaml', updates: [{ key: 'a', value: 1 }] })).rejects.toThrow(
      /outside the working directory/,
    );
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('yaml-update', yamlUpdateStep.validate, [
      {
        name: 'valid',
        config: {
          path: 'p',
          updates: [
            { key: 'k', value: 'v' },
            { key: 'n', value: 5 },
          ],
        },
        valid: true,
      },
      { name: 'null value', config: { path: 'p', updates: [{ key: 'k', value: null }] }, valid: true },
      { name: 'no path', config: { updates: [{ key: 'k', value: 'v' }] }, valid: false },
      { name: 'empty path', config: { path: '', updates: [{ key: 'k', value: 'v' }] }, valid: false },
      { name: 'no updates', config: { path: 'p' }, valid: false },
      { name: 'empty updates', config: { path: 'p', updates: [] }, valid: false },
      { name: 'update without key', config: { path: 'p', updates: [{ value: 'v' }] }, valid: false },
      { name: 'update with empty key', config: { path: 'p', updates: [{ key: '', value: 'v' }] }, valid: false },
      { name: 'update without value', config: { path: 'p', updates: [{ key: 'k' }] }, valid: false },
      { name: 'unknown field', config: { path: 'p', updates: [{ key: 'k', value: 1 }], extra: true }, valid: false },
    ]);
    expect(yamlUpdateStep.validate({ updates: [] })).toEqual(expect.arrayContaining(['(root): path is required', 'updates: Array must have at least 1 items']));
  });
});
