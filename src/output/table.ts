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
  return [...tableChunks(header, rows, options)].join('');
}

/** A chunk of output holds whole lines, about this many characters. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The table as consecutive chunks of whole lines: written one by one, a table of
 * tens of megabytes never exists as one string (nor as an array of its lines).
 */
export function* tableChunks(header: string[], rows: string[][], options: TableOptions): Generator<string> {
  const all = options.headers ? [header, ...rows] : rows;
  if (all.length === 0) return;
  const widths = columnWidths(all);
  let chunk = '';
  let written = false;
  for (const row of all) {
    for (const line of drawRow(row.map(cellText), widths)) {
      if (line.trim() !== '') chunk += `${line.trimEnd()}\n`;
    }
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
      written = true;
    }
  }
  // As cli-table3: a table whose every line is blank still prints one line break.
  if (chunk || !written) yield chunk || '\n';
}

/** cli-table3 draws an empty cell as one blank. */
function cellText(cell: string): string {
  return cell === '' ? ' ' : cell;
}

/** Each column's width with its gap, as cli-table3 computes it (at least 1). */
function columnWidths(cells: string[][]): number[] {
  const widths: number[] = [];
  for (const row of cells) {
    for (let column = 0; column < row.length; column++) {
      widths[column] = Math.max(widths[column] ?? 1, visibleWidth(cellText(row[column] ?? '')) + GAP);
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
