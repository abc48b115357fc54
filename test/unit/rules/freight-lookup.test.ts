import { describe, expect, it } from 'vitest';
import { type FreightMatch, type FreightQuery, FreightLookupError, freightAlias, lookupFreight } from '../../../src/rules/freight-lookup.js';
import { freight, freightName } from './fixtures.js';

const A = freightName('aaaa1111');
const B = freightName('aaaa2222');
const C = freightName('cccc3333');
const D = freightName('dddd4444');

const all = [
  freight(A, {
    alias: 'jolly-penguin',
    discoveredAt: '2026-08-20T10:00:00Z',
    images: [{ repoURL: 'ghcr.io/acme/app', tag: '1.0.0', digest: 'sha256:aaa' }],
    commits: [{ repoURL: 'https://github.com/acme/app', id: '0123456789abcdef0123456789abcdef01234567' }],
  }),
  freight(B, {
    labelAlias: 'brave-bear',
    discoveredAt: '2026-08-21T10:00:00Z',
    images: [{ repoURL: 'ghcr.io/acme/app', tag: '1.1.0', digest: 'sha256:bbb' }],
    commits: [{ id: '0123456fffffffffffffffffffffffffffffffff' }],
  }),
  freight(C, { alias: 'calm-cat', warehouse: 'cfg', discoveredAt: '2026-08-22T10:00:00Z', images: [{ repoURL: 'localhost:5000/acme/app', tag: '1.1.0' }] }),
  freight(D, { alias: A.slice(0, 10), warehouse: 'cfg', discoveredAt: '2026-08-19T10:00:00Z', images: [{ repoURL: 'ghcr.io/acme/app', tag: '1.1.0' }] }),
];

const found: [string, FreightQuery, string, FreightMatch][] = [
  ['exact name', { by: 'name-or-alias', value: A }, A, 'name'],
  ['alias field', { by: 'name-or-alias', value: 'jolly-penguin' }, A, 'alias'],
  ['alias label only', { by: 'name-or-alias', value: 'brave-bear' }, B, 'alias'],
  ['an alias wins over a name prefix', { by: 'name-or-alias', value: A.slice(0, 10) }, D, 'alias'],
  ['unique name prefix', { by: 'name-or-alias', value: 'cccc' }, C, 'name-prefix'],
  ['name prefix is case-insensitive', { by: 'name-or-alias', value: 'CCCC33' }, C, 'name-prefix'],
  ['--freight-alias', { by: 'alias', value: 'calm-cat' }, C, 'alias'],
  ['image repo:tag', { by: 'image', value: 'ghcr.io/acme/app:1.0.0' }, A, 'image'],
  ['image repo@digest', { by: 'image', value: 'ghcr.io/acme/app@sha256:bbb' }, B, 'image'],
  ['image with a registry port', { by: 'image', value: 'localhost:5000/acme/app:1.1.0' }, C, 'image'],
  ['commit full SHA', { by: 'commit', value: '0123456789abcdef0123456789abcdef01234567' }, A, 'commit'],
  ['commit prefix, case-insensitive', { by: 'commit', value: '0123456789ABC' }, A, 'commit'],
  ['newest Freight of a Warehouse', { by: 'warehouse', value: 'app' }, B, 'warehouse'],
  ['newest Freight of another Warehouse', { by: 'warehouse', value: 'cfg' }, C, 'warehouse'],
];

describe('lookupFreight', () => {
  it.each(found)('%s', (_name, query, name, matchedBy) => {
    const result = lookupFreight(all, query);
    expect(result.freight.metadata.name).toBe(name);
    expect(result.matchedBy).toBe(matchedBy);
  });

  const failures: [string, FreightQuery, FreightLookupError['reason'], string, string[]][] = [
    ['unknown name', { by: 'name-or-alias', value: 'nope' }, 'not-found', 'no Freight matches name or alias "nope"', []],
    ['a prefix shorter than 4 is not tried', { by: 'name-or-alias', value: 'ccc' }, 'not-found', 'no Freight matches name or alias "ccc"', []],
    [
      'ambiguous name prefix lists the candidates newest first',
      { by: 'name-or-alias', value: 'aaaa' },
      'ambiguous',
      `2 Freight match name or alias "aaaa"; name one of them with --freight:\n  brave-bear (aaaa222) from Warehouse/app\n  jolly-penguin (aaaa111) from Warehouse/app`,
      [B, A],
    ],
    ['alias-only lookup does not take names', { by: 'alias', value: A }, 'not-found', `no Freight matches alias "${A}"`, []],
    [
      'ambiguous image tag',
      { by: 'image', value: 'ghcr.io/acme/app:1.1.0' },
      'ambiguous',
      `2 Freight match image "ghcr.io/acme/app:1.1.0"; name one of them with --freight:\n  brave-bear (aaaa222) from Warehouse/app\n  ${A.slice(0, 10)} (dddd444) from Warehouse/cfg`,
      [B, D],
    ],
    [
      'bare image repo matches every tag',
      { by: 'image', value: 'ghcr.io/acme/app' },
      'ambiguous',
      `3 Freight match image "ghcr.io/acme/app"; name one of them with --freight:\n  brave-bear (aaaa222) from Warehouse/app\n  jolly-penguin (aaaa111) from Warehouse/app\n  ${A.slice(0, 10)} (dddd444) from Warehouse/cfg`,
      [B, A, D],
    ],
    ['unknown image tag', { by: 'image', value: 'ghcr.io/acme/app:9.9.9' }, 'not-found', 'no Freight matches image "ghcr.io/acme/app:9.9.9"', []],
    [
      'ambiguous commit prefix',
      { by: 'commit', value: '0123456' },
      'ambiguous',
      '2 Freight match commit "0123456"; name one of them with --freight:\n  brave-bear (aaaa222) from Warehouse/app\n  jolly-penguin (aaaa111) from Warehouse/app',
      [B, A],
    ],
    ['commit prefix too short', { by: 'commit', value: '012345' }, 'not-found', 'commit "012345" is too short: give at least 7 characters of the SHA', []],
    ['Warehouse without Freight', { by: 'warehouse', value: 'empty' }, 'not-found', 'no Freight matches Warehouse "empty"', []],
  ];

  it.each(failures)('%s', (_name, query, reason, message, candidates) => {
    let caught: unknown;
    try {
      lookupFreight(all, query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FreightLookupError);
    const error = caught as FreightLookupError;
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(message);
    expect(error.candidates.map((item) => item.metadata.name)).toEqual(candidates);
    expect(error.query).toEqual(query);
  });

  it('freightAlias prefers the field over the label', () => {
    expect(freightAlias(freight(A, { alias: 'field', labelAlias: 'label' }))).toBe('field');
    expect(freightAlias(freight(A, { labelAlias: 'label' }))).toBe('label');
    expect(freightAlias(freight(A))).toBeUndefined();
  });
});
