import { describe, expect, it } from 'vitest';
import { tomlUpdateStep } from '../../../src/engine/steps/toml-update.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';

describe('toml-update', () => {
  it("replaces only the values, keeping comments and layout, and writes Kargo's commit message", async () => {
    const workDir = await workDirWith({
      'config.toml': 'threshold = 1 # keep me\n\n[package]\nversion = "1.0.0"\n\n[features]\nnewFeature = false\n',
    });
    const result = await runStep(tomlUpdateStep, workDir, {
      path: 'config.toml',
      updates: [
        { key: 'package.version', value: '1.0.1' },
        { key: 'features.newFeature', value: true },
        { key: 'threshold', value: 100 },
      ],
    });
    expect(result).toEqual({
      status: 'Succeeded',
      output: {
        commitMessage: "Updated config.toml\n\n- package.version: '1.0.1'\n- features.newFeature: true\n- threshold: 100",
      },
    });
    expect(await readText(workDir, 'config.toml')).toBe("threshold = 100 # keep me\n\n[package]\nversion = '1.0.1'\n\n[features]\nnewFeature = true\n");
  });

  // Expected texts from Kargo's pkg/toml tests.
  it.each([
    ['an array item', 'values = [1, 2, 3]\n', 'values.1', 42, 'values = [1, 42, 3]\n'],
    ['an inline table item', 'service = { name = "api", port = 8080 }\n', 'service.port', 9090, 'service = { name = "api", port = 9090 }\n'],
    [
      'an array-of-tables item',
      '[[services]]\nname = "api"\nport = 8080\n\n[[services]]\nname = "web"\nport = 8081\n',
      'services.1.port',
      9090,
      '[[services]]\nname = "api"\nport = 8080\n\n[[services]]\nname = "web"\nport = 9090\n',
    ],
    ['a quoted key with a dot', '"example.com/version" = "1.0.0"\n', 'example\\.com/version', '2.0.0', '"example.com/version" = \'2.0.0\'\n'],
    ['a nested table', '[a.b]\nc = 1\n', 'a.b.c', 99, '[a.b]\nc = 99\n'],
    ['a string with a single quote', 'v = "x"\n', 'v', "it's", 'v = "it\'s"\n'],
  ])('updates %s', async (_name, original, key, value, expected) => {
    const workDir = await workDirWith({ 'c.toml': original });
    await runStep(tomlUpdateStep, workDir, { path: 'c.toml', updates: [{ key, value }] });
    expect(await readText(workDir, 'c.toml')).toBe(expected);
  });

  it.each([
    ['a missing key', 'title = "old"\n', 'missing', 'x', 'error finding key missing: key path not found'],
    ['a table', '[service]\nname = "api"\n', 'service', 'x', 'error finding key service: key path addresses Table instead of a scalar node'],
    ['a list value', 'title = "old"\n', 'title', ['a', 'b'], 'error formatting value for key title: value is not a TOML scalar type'],
    ['invalid TOML', 'key = \n', 'key', 'x', 'error parsing input: '],
  ])('fails on %s and changes nothing', async (_name, original, key, value, message) => {
    const workDir = await workDirWith({ 'c.toml': original });
    await expect(runStep(tomlUpdateStep, workDir, { path: 'c.toml', updates: [{ key, value }] })).rejects.toThrow(
      `TOML file update failed: error updating TOML file "c.toml": error mutating bytes: ${message}`,
    );
    expect(await readText(workDir, 'c.toml')).toBe(original);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('toml-update', tomlUpdateStep.validate, [
      { name: 'valid', config: { path: 'p', updates: [{ key: 'k', value: 1 }] }, valid: true },
      { name: 'no updates', config: { path: 'p' }, valid: false },
      { name: 'empty key', config: { path: 'p', updates: [{ key: '', value: 1 }] }, valid: false },
      { name: 'path not a string', config: { path: 3, updates: [{ key: 'k', value: 1 }] }, valid: false },
    ]);
  });
});
