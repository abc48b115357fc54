// yaml-parse, json-parse and toml-parse: the same shape over three formats.
import { describe, expect, it } from 'vitest';
import { jsonParseStep } from '../../../src/engine/steps/json-parse.js';
import { tomlParseStep } from '../../../src/engine/steps/toml-parse.js';
import { yamlParseStep } from '../../../src/engine/steps/yaml-parse.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { runStep, workDirWith } from './support.js';

const outputs = [
  { name: 'appVersion', fromExpression: 'app.version' },
  { name: 'isEnabled', fromExpression: 'features.enabled' },
  { name: 'threshold', fromExpression: 'config.threshold * 2' },
  { name: 'first', fromExpression: 'upper(config.names[0])' },
];
const expected = { appVersion: '2.0.1', isEnabled: true, threshold: 20, first: 'A' };

const formats = [
  {
    step: yamlParseStep,
    label: 'YAML',
    file: 'config.yaml',
    text: 'app:\n  version: "2.0.1"\nfeatures:\n  enabled: true\nconfig:\n  threshold: 10.0\n  names: [a, b]\n',
    broken: 'app: [1\n',
  },
  {
    step: jsonParseStep,
    label: 'JSON',
    file: 'config.json',
    text: '{"app": {"version": "2.0.1"}, "features": {"enabled": true}, "config": {"threshold": 10, "names": ["a", "b"]}}',
    broken: '{"app": ',
  },
  {
    step: tomlParseStep,
    label: 'TOML',
    file: 'config.toml',
    text: '[app]\nversion = "2.0.1"\n[features]\nenabled = true\n[config]\nthreshold = 10.0\nnames = ["a", "b"]\n',
    broken: 'key = \n',
  },
] as const;

describe.each(formats)('$step.kind', ({ step, label, file, text, broken }) => {
  it('evaluates each output expression with the document as its environment', async () => {
    const workDir = await workDirWith({ [file]: text });
    expect(await runStep(step, workDir, { path: file, outputs })).toEqual({ status: 'Succeeded', output: expected });
  });

  it('errors on a missing file, a file that does not parse, and an expression that fails', async () => {
    const workDir = await workDirWith({ [file]: text, [`bad-${file}`]: broken });
    await expect(runStep(step, workDir, { path: `missing-${file}`, outputs })).rejects.toThrow(
      `error reading ${label} file "missing-${file}": no such file or directory`,
    );
    await expect(runStep(step, workDir, { path: `bad-${file}`, outputs })).rejects.toThrow(new RegExp(`^could not parse ${label} file: .+`));
    await expect(runStep(step, workDir, { path: file, outputs: [{ name: 'x', fromExpression: 'nonexistent.path' }] })).rejects.toThrow(
      /^failed to extract outputs: error evaluating expression "nonexistent.path": /,
    );
    await expect(runStep(step, workDir, { path: file, outputs: [{ name: 'x', fromExpression: '(1 + ' }] })).rejects.toThrow(
      /^failed to extract outputs: error compiling expression "\(1 \+ ": /,
    );
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts(step.kind, step.validate, [
      { name: 'valid', config: { path: 'p', outputs: [{ name: 'a', fromExpression: 'x' }] }, valid: true },
      { name: 'no path', config: { outputs: [{ name: 'a', fromExpression: 'x' }] }, valid: false },
      { name: 'empty path', config: { path: '', outputs: [{ name: 'a', fromExpression: 'x' }] }, valid: false },
      { name: 'no outputs', config: { path: 'p' }, valid: false },
      { name: 'empty outputs', config: { path: 'p', outputs: [] }, valid: false },
      { name: 'output without name', config: { path: 'p', outputs: [{ fromExpression: 'x' }] }, valid: false },
      { name: 'empty fromExpression', config: { path: 'p', outputs: [{ name: 'a', fromExpression: '' }] }, valid: false },
    ]);
    expect(step.validate({ path: 'p', outputs: [{ name: 'a' }] })).toEqual(['outputs.0: fromExpression is required']);
  });
});

it('yaml-parse reads the first document of a multi-document file', async () => {
  const workDir = await workDirWith({ 'm.yaml': 'a: 1\n---\na: 2\n' });
  const result = await runStep(yamlParseStep, workDir, { path: 'm.yaml', outputs: [{ name: 'a', fromExpression: 'a' }] });
  expect(result.output).toEqual({ a: 1 });
});

it('yaml-parse and toml-parse refuse an empty file', async () => {
  const workDir = await workDirWith({ 'e.yaml': '', 'e.toml': '' });
  const config = (path: string) => ({ path, outputs: [{ name: 'a', fromExpression: 'a' }] });
  await expect(runStep(yamlParseStep, workDir, config('e.yaml'))).rejects.toThrow('could not parse empty YAML file: "e.yaml"');
  await expect(runStep(tomlParseStep, workDir, config('e.toml'))).rejects.toThrow('could not parse empty TOML file: "e.toml"');
});
