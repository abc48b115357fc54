// The output layer on its own: colour policy, table layout, -o printers.

import { describe, expect, it } from 'vitest';
import { resources } from '../../../src/kube/resources.js';
import { age } from '../../../src/output/age.js';
import { formatObjects } from '../../../src/output/objects.js';
import { renderTable } from '../../../src/output/table.js';
import { animationEnabled, colorEnabled } from '../../../src/output/terminal.js';

const tty = { isTTY: true, write: () => true };
const pipe = { isTTY: false, write: () => true };

describe('colour policy', () => {
  it.each([
    ['a terminal', tty, {}, 'auto', true],
    ['a pipe', pipe, {}, 'auto', false],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, 'auto', false],
    ['CLICOLOR_FORCE on a pipe', pipe, { CLICOLOR_FORCE: '1' }, 'auto', true],
    ['CLICOLOR_FORCE=0 on a pipe', pipe, { CLICOLOR_FORCE: '0' }, 'auto', false],
    ['NO_COLOR beats CLICOLOR_FORCE', pipe, { NO_COLOR: '1', CLICOLOR_FORCE: '1' }, 'auto', false],
    ['TERM=dumb on a terminal', tty, { TERM: 'dumb' }, 'auto', false],
    ['--color always beats NO_COLOR', pipe, { NO_COLOR: '1' }, 'always', true],
    ['--color never on a terminal', tty, {}, 'never', false],
  ] as const)('%s', (_name, stream, env, mode, expected) => {
    expect(colorEnabled(stream, env, mode)).toBe(expected);
  });

  it('animates only on a terminal outside CI', () => {
    expect(animationEnabled(tty, {})).toBe(true);
    expect(animationEnabled(tty, { CI: 'true' })).toBe(false);
    expect(animationEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(animationEnabled(pipe, {})).toBe(false);
  });
});

describe('tables', () => {
  it('are borderless, three spaces apart, with no trailing blanks', () => {
    expect(
      renderTable(
        ['NAME', 'PHASE', 'NOTE'],
        [
          ['a', 'Running', ''],
          ['longer-name', 'Succeeded', 'x'],
        ],
        { headers: true },
      ),
    ).toBe('NAME          PHASE       NOTE\na             Running\nlonger-name   Succeeded   x\n');
  });

  it('omit the header with --no-headers and print nothing for no rows', () => {
    expect(renderTable(['NAME'], [['a']], { headers: false })).toBe('a\n');
    expect(renderTable(['NAME'], [], { headers: false })).toBe('');
  });
});

describe('structured output', () => {
  const stage = { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 'dev', namespace: 'p' } };

  it('prints one named object as itself, anything else as a List', async () => {
    expect(JSON.parse(await formatObjects([stage], 'json', resources.stage, true))).toEqual(stage);
    expect(JSON.parse(await formatObjects([stage], 'json', resources.stage, false))).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      items: [stage],
      metadata: { resourceVersion: '' },
    });
    expect(await formatObjects([], 'yaml', resources.stage, false)).toBe('apiVersion: v1\nkind: List\nitems: []\nmetadata:\n  resourceVersion: ""\n');
  });

  it('prints kind.group/name with -o name', async () => {
    expect(await formatObjects([stage], 'name', resources.stage, true)).toBe('stage.kargo.akuity.io/dev\n');
    expect(await formatObjects([{ metadata: { name: 'x' } }], 'name', resources.analysisRun, true)).toBe('analysisrun.argoproj.io/x\n');
  });
});

describe('ages', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it.each([
    ['2026-11-23T11:59:15Z', '45s'],
    ['2026-11-23T11:55:00Z', '5m'],
    ['2026-11-20T08:00:00Z', '3d4h'],
    [undefined, '<unknown>'],
  ])('%s → %s', (timestamp, expected) => {
    expect(age(timestamp, now)).toBe(expected);
  });
});
