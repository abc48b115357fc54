import { describe, expect, it } from 'vitest';
import { jsonUpdateStep } from '../../../src/engine/steps/json-update.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';

describe('json-update', () => {
  it("sets existing and new keys in place and writes Kargo's commit message", async () => {
    const original = '{\n    "app": {\n        "version": "1.0.0"\n    },\n    "features": {"newFeature": false},\n    "list": [1, 2]\n}\n';
    const workDir = await workDirWith({ 'config.json': original });
    const result = await runStep(jsonUpdateStep, workDir, {
      path: 'config.json',
      updates: [
        { key: 'app.version', value: '1.0.1' },
        { key: 'features.newFeature', value: true },
        { key: 'threshold', value: 100 },
        { key: 'list.1', value: 3 },
      ],
    });
    expect(result).toEqual({
      status: 'Succeeded',
      output: {
        commitMessage: 'Updated config.json\n\n- app.version: "1.0.1"\n- features.newFeature: true\n- threshold: 100\n- list.1: 3',
      },
    });
    const text = await readText(workDir, 'config.json');
    expect(text).toBe('{\n    "app": {\n        "version": "1.0.1"\n    },\n    "features": {"newFeature": true},\n    "list": [1, 3],"threshold": 100\n}\n');
  });

  it('creates the document in an empty file and escaped-dot keys as one key', async () => {
    const workDir = await workDirWith({ 'empty.json': '', 'a.json': '{"settings": {}}' });
    await runStep(jsonUpdateStep, workDir, { path: 'empty.json', updates: [{ key: 'app.version', value: '1.0.1' }] });
    expect(JSON.parse(await readText(workDir, 'empty.json'))).toEqual({ app: { version: '1.0.1' } });
    await runStep(jsonUpdateStep, workDir, { path: 'a.json', updates: [{ key: 'settings.example\\.com', value: 'added' }] });
    expect(JSON.parse(await readText(workDir, 'a.json'))).toEqual({ settings: { 'example.com': 'added' } });
  });

  it('refuses a value that is not a scalar, a missing file and invalid JSON, changing nothing', async () => {
    const workDir = await workDirWith({ 'c.json': '{"a": 1}', 'bad.json': '{"a": ' });
    await expect(runStep(jsonUpdateStep, workDir, { path: 'c.json', updates: [{ key: 'a', value: { b: 1 } }] })).rejects.toThrow(
      'JSON file update failed: error mutating bytes: value for key "a" is not a scalar type',
    );
    expect(await readText(workDir, 'c.json')).toBe('{"a": 1}');
    await expect(runStep(jsonUpdateStep, workDir, { path: 'missing/c.json', updates: [{ key: 'a', value: 1 }] })).rejects.toThrow(
      'JSON file update failed: error reading file "missing/c.json": no such file or directory',
    );
    await expect(runStep(jsonUpdateStep, workDir, { path: 'bad.json', updates: [{ key: 'a', value: 1 }] })).rejects.toThrow(
      /error setting key "a" in JSON file: invalid JSON: \w+ at offset \d+/,
    );
    expect(await readText(workDir, 'bad.json')).toBe('{"a": ');
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('json-update', jsonUpdateStep.validate, [
      { name: 'valid', config: { path: 'p', updates: [{ key: 'k', value: true }] }, valid: true },
      { name: 'no path', config: { updates: [{ key: 'k', value: 'v' }] }, valid: false },
      { name: 'empty updates', config: { path: 'p', updates: [] }, valid: false },
      { name: 'update without value', config: { path: 'p', updates: [{ key: 'k' }] }, valid: false },
      { name: 'update with extra field', config: { path: 'p', updates: [{ key: 'k', value: 1, x: 1 }] }, valid: false },
    ]);
  });
});
