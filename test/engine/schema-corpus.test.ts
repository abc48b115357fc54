// The corpus helper itself: it must catch a validator that disagrees with Kargo's schema.
import { describe, expect, it } from 'vitest';
import { defineConfig, nonEmptyString, object, string } from '../../src/engine/config-schema.js';
import { expectSameVerdicts, kargoAccepts } from './support/schema-corpus.js';

describe('schema corpus helper', () => {
  it("reads Kargo's schemas with their cross-file refs", () => {
    expect(kargoAccepts('copy', { inPath: 'a', outPath: 'b' })).toBe(true);
    expect(kargoAccepts('copy', { inPath: 'a' })).toBe(false);
    expect(kargoAccepts('argocd-wait', { apps: [{ selector: { matchLabels: { a: 'b' } } }] })).toBe(true);
    expect(kargoAccepts('argocd-wait', { apps: [{ selector: { matchLabels: {} } }] })).toBe(false);
  });

  it('fails when the project accepts what Kargo refuses', () => {
    const tooLoose = defineConfig('copy', object({ inPath: string(), outPath: nonEmptyString() }));
    expect(() =>
      expectSameVerdicts('copy', tooLoose, [
        { name: 'ok', config: { inPath: 'a', outPath: 'b' }, valid: true },
        { name: 'empty inPath', config: { inPath: '', outPath: 'b' }, valid: false },
      ]),
    ).toThrow(/empty inPath/);
  });
});
