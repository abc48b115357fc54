// Borderless, left-aligned tables like kubectl's: upper-case headers, three
// spaces between columns, no trailing blanks. Cells may carry ANSI colour.

import Table from 'cli-table3';

export interface TableOptions {
  headers: boolean;
}

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '',
};

export function renderTable(header: string[], rows: string[][], options: TableOptions): string {
  const all = options.headers ? [header, ...rows] : rows;
  if (all.length === 0) return '';
  const table = new Table({ chars: NO_BORDER, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 3 } });
  table.push(...all.map((row) => row.map((cell) => (cell === '' ? ' ' : cell))));
  return `${table
    .toString()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}
