// A character grid for line drawings. Lines are recorded as connection bits per
// cell (up/down/left/right), so junctions (┬ ┴ ├ ┤ ┼) come out right wherever
// lines meet; a line that only passes over another is marked as a crossing and
// drawn unbroken in its own direction, so it never looks like a junction.

export type Tone = 'name' | 'ok' | 'warn' | 'bad' | 'muted' | 'info';

/** Colours a run of text; the identity when colour is off. */
export type Painter = (text: string, tone: Tone) => string;

export interface Glyphs {
  horizontal: string;
  vertical: string;
  /** Indexed by the corner's bits: down-right, down-left, up-right, up-left. */
  corners: { downRight: string; downLeft: string; upRight: string; upLeft: string };
  rounded: { downRight: string; downLeft: string; upRight: string; upLeft: string };
  teeDown: string;
  teeUp: string;
  teeRight: string;
  teeLeft: string;
  cross: string;
  arrowDown: string;
  ellipsis: string;
}

export const unicodeGlyphs: Glyphs = {
  horizontal: '─',
  vertical: '│',
  corners: { downRight: '┌', downLeft: '┐', upRight: '└', upLeft: '┘' },
  rounded: { downRight: '╭', downLeft: '╮', upRight: '╰', upLeft: '╯' },
  teeDown: '┬',
  teeUp: '┴',
  teeRight: '├',
  teeLeft: '┤',
  cross: '┼',
  arrowDown: '▼',
  ellipsis: '…',
};

export const asciiGlyphs: Glyphs = {
  horizontal: '-',
  vertical: '|',
  corners: { downRight: '+', downLeft: '+', upRight: '+', upLeft: '+' },
  rounded: { downRight: '+', downLeft: '+', upRight: '+', upLeft: '+' },
  teeDown: '+',
  teeUp: '+',
  teeRight: '+',
  teeLeft: '+',
  cross: '+',
  arrowDown: 'v',
  ellipsis: '~',
};

const UP = 1;
const DOWN = 2;
const LEFT = 4;
const RIGHT = 8;

interface Cell {
  bits: number;
  text?: string;
  tone?: Tone;
  /** A vertical line passes over a horizontal one here without joining it. */
  crossing?: boolean;
  rounded?: boolean;
  arrow?: boolean;
}

export class LineCanvas {
  private readonly cells: Cell[][] = [];

  private cell(x: number, y: number): Cell {
    while (this.cells.length <= y) this.cells.push([]);
    const row = this.cells[y] as Cell[];
    while (row.length <= x) row.push({ bits: 0 });
    return row[x] as Cell;
  }

  get height(): number {
    return this.cells.length;
  }

  text(x: number, y: number, text: string, tone?: Tone): void {
    [...text].forEach((char, index) => {
      const cell = this.cell(x + index, y);
      cell.text = char;
      if (tone) cell.tone = tone;
    });
  }

  horizontal(y: number, from: number, to: number): void {
    const [left, right] = from <= to ? [from, to] : [to, from];
    for (let x = left; x <= right; x++) {
      const cell = this.cell(x, y);
      if (x > left) cell.bits |= LEFT;
      if (x < right) cell.bits |= RIGHT;
    }
  }

  /** `passOver` lists rows where the line crosses other lines without joining them. */
  vertical(x: number, from: number, to: number, passOver: ReadonlySet<number> = new Set()): void {
    const [top, bottom] = from <= to ? [from, to] : [to, from];
    for (let y = top; y <= bottom; y++) {
      const cell = this.cell(x, y);
      if (y > top) cell.bits |= UP;
      if (y < bottom) cell.bits |= DOWN;
      if (passOver.has(y) && y > top && y < bottom) cell.crossing = true;
    }
  }

  box(x: number, y: number, width: number, height: number, rounded: boolean): void {
    const right = x + width - 1;
    const bottom = y + height - 1;
    this.horizontal(y, x, right);
    this.horizontal(bottom, x, right);
    this.vertical(x, y, bottom);
    this.vertical(right, y, bottom);
    if (rounded)
      for (const [cx, cy] of [
        [x, y],
        [right, y],
        [x, bottom],
        [right, bottom],
      ] as const)
        this.cell(cx, cy).rounded = true;
  }

  arrowDown(x: number, y: number): void {
    const cell = this.cell(x, y);
    cell.arrow = true;
    cell.bits |= UP;
  }

  render(glyphs: Glyphs, paint: Painter): string[] {
    return this.cells.map((row) => {
      let line = '';
      let run = '';
      let runTone: Tone | undefined;
      const flush = (): void => {
        line += runTone ? paint(run, runTone) : run;
        run = '';
      };
      for (const cell of row) {
        const char = cell.text ?? glyph(cell, glyphs);
        if (cell.tone !== runTone) {
          flush();
          runTone = cell.tone;
        }
        run += char;
      }
      flush();
      return line.trimEnd();
    });
  }
}

function glyph(cell: Cell, glyphs: Glyphs): string {
  if (cell.arrow) return glyphs.arrowDown;
  if (cell.crossing) return glyphs.vertical;
  const corners = cell.rounded ? glyphs.rounded : glyphs.corners;
  switch (cell.bits) {
    case 0:
      return ' ';
    case UP:
    case DOWN:
    case UP | DOWN:
      return glyphs.vertical;
    case LEFT:
    case RIGHT:
    case LEFT | RIGHT:
      return glyphs.horizontal;
    case DOWN | RIGHT:
      return corners.downRight;
    case DOWN | LEFT:
      return corners.downLeft;
    case UP | RIGHT:
      return corners.upRight;
    case UP | LEFT:
      return corners.upLeft;
    case UP | DOWN | RIGHT:
      return glyphs.teeRight;
    case UP | DOWN | LEFT:
      return glyphs.teeLeft;
    case LEFT | RIGHT | DOWN:
      return glyphs.teeDown;
    case LEFT | RIGHT | UP:
      return glyphs.teeUp;
    default:
      return glyphs.cross;
  }
}
