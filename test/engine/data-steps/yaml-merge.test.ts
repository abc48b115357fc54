import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlMergeStep } from '../../../src/engine/steps/yaml-merge.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';

const base = `
character:
  name: Vader
  ability: Force # from the base
  affiliation: Empire
  saberColor: red
vehicles:
- Star Destroyer
`;
const overlay = `
character:
  name: Luke # Alters character.name from the base
  affiliation: Rebel Alliance
  saberColor: blue
  siblings: # A completely new field
  - Leia
  ability: null
vehicles: # replaces the list
- Millennium Falcon
`;

describe('yaml-merge', () => {
  it('merges maps key by key, replaces lists, clears nulls, keeps comments (Kargo test data)', async () => {
    const workDir = await workDirWith({ 'empty.yaml': '', 'base.yaml': base, 'overlay.yaml': overlay });
    const result = await runStep(yamlMergeStep, workDir, {
      inFiles: ['empty.yaml', 'base.yaml', 'overlay.yaml'],
      outFile: 'out/merged.yaml',
    });
    expect(result).toEqual({
      status: 'Succeeded',
      output: { commitMessage: 'Merged 3 YAML files to out/merged.yaml\n- empty.yaml\n- base.yaml\n- overlay.yaml' },
    });
    const merged = await readText(workDir, 'out/merged.yaml');
    expect(parse(merged)).toEqual({
      character: { name: 'Luke', affiliation: 'Rebel Alliance', saberColor: 'blue', siblings: ['Leia'] },
      vehicles: ['Millennium Falcon'],
    });
    expect(merged).toContain('# Alters character.name from the base');
  });

  it('skips missing files only when told to, and writes an empty file when nothing is left', async () => {
    const workDir = await workDirWith({ 'a.yaml': 'a: 1\n' });
    await expect(runStep(yamlMergeStep, workDir, { inFiles: ['a.yaml', 'b.yaml'], outFile: 'o.yaml' })).rejects.toThrow(
      'input file "b.yaml" not found: no such file or directory',
    );
    const one = await runStep(yamlMergeStep, workDir, {
      inFiles: ['a.yaml', 'b.yaml'],
      outFile: 'o.yaml',
      ignoreMissingFiles: true,
    });
    expect(one.output).toEqual({ commitMessage: 'Wrote a.yaml to o.yaml' });
    expect(await readText(workDir, 'o.yaml')).toBe('a: 1\n');
    const none = await runStep(yamlMergeStep, workDir, { inFiles: ['b.yaml'], outFile: 'n.yaml', ignoreMissingFiles: true });
    expect(none).toEqual({ status: 'Succeeded' });
    expect(await readText(workDir, 'n.yaml')).toBe('');
  });

  it('fails on an input that is not YAML', async () => {
    const workDir = await workDirWith({ 'bad.yaml': 'a: [1\n' });
    await expect(runStep(yamlMergeStep, workDir, { inFiles: ['bad.yaml'], outFile: 'o.yaml' })).rejects.toThrow(
      /^error merging YAML files: error reading input file bad.yaml: /,
    );
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('yaml-merge', yamlMergeStep.validate, [
      { name: 'valid', config: { inFiles: ['a', ''], outFile: 'o', ignoreMissingFiles: true }, valid: true },
      { name: 'no inFiles', config: { outFile: 'o' }, valid: false },
      { name: 'empty inFiles', config: { inFiles: [], outFile: 'o' }, valid: false },
      { name: 'empty outFile', config: { inFiles: ['a'], outFile: '' }, valid: false },
      { name: 'ignoreMissingFiles not bool', config: { inFiles: ['a'], outFile: 'o', ignoreMissingFiles: 'yes' }, valid: false },
    ]);
  });
});
