// The linear table layout draws exactly what cli-table3 draws for the whole
// table at once (the layout it replaces for speed), for every kind of cell:
// plain, empty, coloured, wide characters, line breaks, unclosed colour.

import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { renderTable, tableChunks } from '../../../src/output/table.js';

const NO_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '',
};

function renderWholeTable(header: string[], rows: string[][], headers: boolean): string {
  const all = headers ? [header, ...rows] : rows;
  if (all.length === 0) return '';
  const table = new Table({ chars: NO_BORDER, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 3 } });
  table.push(...all.map((row) => row.map((cell) => (cell === '' ? ' ' : cell))));
  const lines = table
    .toString()
    .split('\n')
    .filter((line) => line.trim() !== '');
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

const CELLS = [
  'a',
  'dev',
  'Warehouse/app-images',
  '',
  ' ',
  '<none>',
  '古い',
  'é',
  '😀',
  'tab\there',
  '\u001b[32myes\u001b[39m',
  '\u001b[31mno',
  'line one\nline two',
  '\u001b[1mbold\nstill bold\u001b[22m',
  'trailing   ',
];

/** A deterministic sequence of tables of every shape up to 5 × 6. */
function* tables(): Generator<{ header: string[]; rows: string[][]; headers: boolean }> {
  let seed = 7;
  const next = (bound: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % bound;
  };
  for (let count = 0; count < 1500; count++) {
    const columns = 1 + next(5);
    const header = Array.from({ length: columns }, (_, index) => `COLUMN ${index}`);
    const rows = Array.from({ length: next(7) }, () =>
      Array.from({ length: columns }, () => CELLS[next(CELLS.length)]! + (next(2) ? CELLS[next(CELLS.length)]! : '')),
    );
    yield { header, rows, headers: next(2) === 0 };
  }
}

describe('table layout', () => {
  it('matches cli-table3 drawing the whole table', () => {
    for (const { header, rows, headers } of tables()) {
      expect(renderTable(header, rows, { headers }), JSON.stringify(rows)).toBe(renderWholeTable(header, rows, headers));
    }
  });

  it('matches it on a table of a thousand rows', () => {
    const rows = Array.from({ length: 1000 }, (_, index) => [`freight-${index}`, index % 7 === 0 ? '\u001b[32myes\u001b[39m' : 'no', 'x'.repeat(index % 13)]);
    expect(renderTable(['NAME', 'AVAILABLE', 'NOTE'], rows, { headers: true })).toBe(renderWholeTable(['NAME', 'AVAILABLE', 'NOTE'], rows, true));
  });

  it('writes a large table in chunks of whole lines that add up to the same drawing', () => {
    const rows = Array.from({ length: 3000 }, (_, index) => [
      `freight-${index}`,
      index % 5 === 0 ? '\u001b[32myes\u001b[39m' : 'no',
      'stage-'.repeat(index % 40),
    ]);
    const chunks = [...tableChunks(['NAME', 'AVAILABLE', 'CURRENTLY IN'], rows, { headers: true })];
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
    expect(chunks.join('')).toBe(renderWholeTable(['NAME', 'AVAILABLE', 'CURRENTLY IN'], rows, true));
  });
});
