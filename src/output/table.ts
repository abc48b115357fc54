// Borderless, left-aligned tables like kubectl's: upper-case headers, three
// spaces between columns, no trailing blanks. Cells may carry ANSI colour.
//
// The output is cli-table3's, byte for byte, but laid out in linear time:
// cli-table3 places every cell by scanning all rows above it (fillInTable,
// conflictExists), which takes minutes at tens of thousands of rows. Column
// widths are measured here in one pass, as cli-table3 measures them; plain
// one-line cells are padded directly, and cells with colour or line breaks are
// still drawn by cli-table3, one cell at a time at its column's width.

import Table from 'cli-table3';
import stringWidth from 'string-width';

export interface TableOptions {
  headers: boolean;
}

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
const GAP = 3;
const PLAIN = /^[\x20-\x7e]*$/;
// cli-table3's own pattern for the colour codes it ignores when measuring.
const COLOUR_CODE = /\u001b\[(?:\d*;){0,5}\d*m/g;

export function renderTable(header: string[], rows: string[][], options: TableOptions): string {
  const all = options.headers ? [header, ...rows] : rows;
  if (all.length === 0) return '';
  const cells = all.map((row) => row.map((cell) => (cell === '' ? ' ' : cell)));
  const widths = columnWidths(cells);
  const lines: string[] = [];
  for (const row of cells) {
    for (const line of drawRow(row, widths)) {
      if (line.trim() !== '') lines.push(line.trimEnd());
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Each column's width with its gap, as cli-table3 computes it (at least 1). */
function columnWidths(cells: string[][]): number[] {
  const widths: number[] = [];
  for (const row of cells) {
    for (let column = 0; column < row.length; column++) {
      widths[column] = Math.max(widths[column] ?? 1, visibleWidth(row[column] ?? '') + GAP);
    }
  }
  return widths;
}

function visibleWidth(cell: string): number {
  if (PLAIN.test(cell)) return cell.length;
  return Math.max(
    ...cell
      .replace(COLOUR_CODE, '')
      .split('\n')
      .map((line) => stringWidth(line)),
  );
}

/** The printed lines of one row: as many as its tallest cell has. */
function drawRow(row: string[], widths: number[]): string[] {
  if (row.every((cell) => PLAIN.test(cell))) {
    let line = '';
    for (let column = 0; column < row.length; column++) line += row[column]!.padEnd(widths[column]!);
    return [line];
  }
  const drawn = row.map((cell, column) => drawCell(cell, widths[column]!));
  const height = Math.max(...drawn.map((cellLines) => cellLines.length));
  const lines: string[] = [];
  for (let index = 0; index < height; index++) {
    lines.push(drawn.map((cellLines, column) => cellLines[index] ?? ' '.repeat(widths[column]!)).join(''));
  }
  return lines;
}

function drawCell(cell: string, width: number): string[] {
  if (PLAIN.test(cell)) return [cell.padEnd(width)];
  const table = new Table({
    chars: NO_BORDER,
    colWidths: [width],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': GAP },
  });
  table.push([cell]);
  return table.toString().split('\n');
}
