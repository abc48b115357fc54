import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_STAGE_PREFIX, promotionName, seededRandom, shortenLabelValue, ulidSource } from '../../../src/rules/promotion-name.js';

const ULID = '01J5ZQ3XW6M8V2K4T9R7N0PQAB';
const FREIGHT = 'ABCDEF0123456789abcdef0123456789abcdef01';

describe('promotionName', () => {
  it.each<[string, string, string]>([
    ['short Stage name', 'prod', 'prod.01j5zq3xw6m8v2k4t9r7n0pqab.abcdef0'],
    ['upper case is lowered', 'Prod-EU', 'prod-eu.01j5zq3xw6m8v2k4t9r7n0pqab.abcdef0'],
    ['exactly 218 characters is kept whole', 'x'.repeat(218), `${'x'.repeat(218)}.01j5zq3xw6m8v2k4t9r7n0pqab.abcdef0`],
    ['219 characters is cut to 218', 'x'.repeat(219), `${'x'.repeat(218)}.01j5zq3xw6m8v2k4t9r7n0pqab.abcdef0`],
    ['a cut ending in "-" or "." is trimmed', `${'x'.repeat(215)}.--y${'z'.repeat(20)}`, `${'x'.repeat(215)}.01j5zq3xw6m8v2k4t9r7n0pqab.abcdef0`],
    ['dots inside a short name are kept', 'eu.prod', 'eu.prod.01j5zq3xw6m8v2k4t9r7n0pqab.abcdef0'],
  ])('%s', (_name, stage, expected) => {
    const name = promotionName(stage, FREIGHT, ULID);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(253);
  });

  it('a short freight name is used whole', () => {
    expect(promotionName('dev', 'abc', ULID)).toBe('dev.01j5zq3xw6m8v2k4t9r7n0pqab.abc');
  });

  it('the longest name is exactly 253 characters', () => {
    expect(promotionName('s'.repeat(253), FREIGHT, ULID)).toHaveLength(253);
    expect(MAX_STAGE_PREFIX).toBe(218);
  });

  it('refuses empty parts', () => {
    expect(() => promotionName('', FREIGHT, ULID)).toThrow('a Promotion name needs a Stage name and a Freight name');
  });
});

describe('ulidSource', () => {
  it('is deterministic for a seed and encodes the time', () => {
    const now = new Date('2026-08-21T12:00:00Z');
    const first = ulidSource(seededRandom(1))(now);
    expect(first).toBe(ulidSource(seededRandom(1))(now));
    expect(first).not.toBe(ulidSource(seededRandom(2))(now));
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/u);
    expect(ulidSource(seededRandom(1))(new Date(now.getTime() + 1)) > first).toBe(true);
  });

  it('seededRandom stays in [0, 1)', () => {
    const random = seededRandom(123);
    for (let index = 0; index < 1000; index++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('shortenLabelValue', () => {
  const hash8 = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 8);

  it('keeps values of up to 63 characters', () => {
    expect(shortenLabelValue('prod')).toBe('prod');
    expect(shortenLabelValue('p'.repeat(63))).toBe('p'.repeat(63));
  });

  it('shortens a 64-character value to 54 characters, a dash and 8 hex digits', () => {
    const value = 'p'.repeat(64);
    expect(shortenLabelValue(value)).toBe(`${'p'.repeat(54)}-${hash8(value)}`);
    expect(shortenLabelValue(value)).toHaveLength(63);
  });

  it('trims dashes at the cut so there is no double dash', () => {
    const value = `${'a'.repeat(52)}--${'b'.repeat(20)}`;
    expect(shortenLabelValue(value)).toBe(`${'a'.repeat(52)}-${hash8(value)}`);
  });
});
