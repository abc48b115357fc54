// Lays a layered graph out top-down on a LineCanvas: one row of boxes per layer,
// and between two rows one horizontal "lane" per group of parents that feed the
// same set of children. Grouping by identical child sets keeps fan-out, fan-in and
// complete bipartite joins (a diamond's two middles feeding both bottoms) exact:
// every parent on a lane reaches every child on it, and nothing else.
// Edges that skip layers run through placeholder columns in the rows between.

import { LineCanvas, type Tone } from './pipeline-canvas.js';

export interface TextSegment {
  text: string;
  tone?: Tone;
}

export type TextLine = TextSegment[];

export interface LayoutNode {
  id: string;
  lines: TextLine[];
  rounded: boolean;
}

export interface LayoutInput {
  /** Node ids per layer, in their preferred order. */
  layers: string[][];
  nodes: ReadonlyMap<string, LayoutNode>;
  edges: { from: string; to: string }[];
  maxInnerWidth: number;
  ellipsis: string;
}

const GAP = 3;
const PADDING = 1;

interface Slot {
  id: string;
  layer: number;
  node?: LayoutNode;
  lines: TextLine[];
  width: number;
  height: number;
  x: number;
  /** The column where edges leave (and, by default, enter): the box centre. */
  port: number;
}

export function layoutPipeline(input: LayoutInput): LineCanvas {
  const canvas = new LineCanvas();
  const layerOf = new Map<string, number>();
  input.layers.forEach((ids, layer) => ids.forEach((id) => layerOf.set(id, layer)));

  const rows: Slot[][] = input.layers.map((ids, layer) => ids.map((id) => realSlot(id, layer, input.nodes.get(id), input.maxInnerWidth, input.ellipsis)));
  const links = linkThroughPlaceholders(input.edges, layerOf, rows);

  orderRows(rows, links);
  placeRows(rows, links);

  let top = 0;
  rows.forEach((row, index) => {
    const height = Math.max(1, ...row.map((slot) => slot.height));
    for (const slot of row) drawSlot(canvas, slot, top, height);
    const next = rows[index + 1];
    if (!next) return;
    const rowBottom = top + height - 1;
    const regionLinks = links.filter((link) => link.parent.layer === index);
    top = drawConnections(canvas, row, regionLinks, rowBottom, top) + 1;
  });
  return canvas;
}

interface Link {
  parent: Slot;
  child: Slot;
}

function realSlot(id: string, layer: number, node: LayoutNode | undefined, maxInner: number, ellipsis: string): Slot {
  const lines = (node?.lines ?? [[{ text: id }]]).map((line) => truncate(line, maxInner, ellipsis));
  const inner = Math.max(1, ...lines.map(lineLength));
  const width = inner + 2 * PADDING + 2;
  const slot: Slot = { id, layer, lines, width, height: lines.length + 2, x: 0, port: 0 };
  if (node) slot.node = node;
  return slot;
}

function placeholderSlot(id: string, layer: number): Slot {
  return { id, layer, lines: [], width: 1, height: 0, x: 0, port: 0 };
}

function linkThroughPlaceholders(edges: LayoutInput['edges'], layerOf: Map<string, number>, rows: Slot[][]): Link[] {
  const byId = new Map(rows.flat().map((slot) => [slot.id, slot]));
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const edge of edges) {
    const from = layerOf.get(edge.from);
    const to = layerOf.get(edge.to);
    const key = `${edge.from}\u0000${edge.to}`;
    if (from === undefined || to === undefined || from >= to || seen.has(key)) continue;
    seen.add(key);
    let parent = byId.get(edge.from) as Slot;
    for (let layer = from + 1; layer < to; layer++) {
      const placeholder = placeholderSlot(`${key}\u0000${layer}`, layer);
      rows[layer]?.push(placeholder);
      links.push({ parent, child: placeholder });
      parent = placeholder;
    }
    links.push({ parent, child: byId.get(edge.to) as Slot });
  }
  return links;
}

/** Barycentre ordering (down, up, down) to keep lines short and crossings few. */
function orderRows(rows: Slot[][], links: Link[]): void {
  const indexOf = (slot: Slot): number => rows[slot.layer]?.indexOf(slot) ?? 0;
  const reorder = (layer: number, neighbours: (slot: Slot) => Slot[]): void => {
    const row = rows[layer];
    if (!row) return;
    const weight = new Map(
      row.map((slot, index) => {
        const adjacent = neighbours(slot);
        return [slot, adjacent.length ? adjacent.reduce((sum, other) => sum + indexOf(other), 0) / adjacent.length : index];
      }),
    );
    row.sort((a, b) => (weight.get(a) ?? 0) - (weight.get(b) ?? 0));
  };
  const parentsOf = (slot: Slot): Slot[] => links.filter((link) => link.child === slot).map((link) => link.parent);
  const childrenOf = (slot: Slot): Slot[] => links.filter((link) => link.parent === slot).map((link) => link.child);
  for (let layer = 1; layer < rows.length; layer++) reorder(layer, parentsOf);
  for (let layer = rows.length - 2; layer >= 0; layer--) reorder(layer, childrenOf);
  for (let layer = 1; layer < rows.length; layer++) reorder(layer, parentsOf);
}

/**
 * Each slot wants its centre under the mean of its parents' centres; overlapping
 * neighbours are merged into blocks placed at their members' mean wish.
 */
function placeRows(rows: Slot[][], links: Link[]): void {
  rows.forEach((row) => {
    interface Block {
      slots: Slot[];
      wishes: number[];
      left: number;
      width: number;
    }
    const blocks: Block[] = [];
    for (const slot of row) {
      const parents = links.filter((link) => link.child === slot).map((link) => centre(link.parent));
      const previous = blocks[blocks.length - 1];
      const packed = previous ? previous.left + previous.width + GAP : 0;
      const wish = parents.length ? Math.round(parents.reduce((a, b) => a + b, 0) / parents.length) - half(slot) : packed;
      let block: Block = { slots: [slot], wishes: [wish], left: wish, width: slot.width };
      blocks.push(block);
      for (let before = blocks[blocks.length - 2]; before && before.left + before.width + GAP > block.left; before = blocks[blocks.length - 2]) {
        blocks.pop();
        blocks.pop();
        block = mergeBlocks(before, block);
        blocks.push(block);
      }
    }
    for (const block of blocks) {
      let x = block.left;
      for (const slot of block.slots) {
        slot.x = x;
        x += slot.width + GAP;
      }
    }
  });
  const shift = -Math.min(0, ...rows.flat().map((slot) => slot.x));
  for (const slot of rows.flat()) {
    slot.x += shift;
    slot.port = centre(slot);
  }

  function mergeBlocks(a: { slots: Slot[]; wishes: number[] }, b: { slots: Slot[]; wishes: number[] }) {
    const slots = [...a.slots, ...b.slots];
    const wishes = [...a.wishes, ...b.wishes];
    let offset = 0;
    let total = 0;
    slots.forEach((slot, index) => {
      total += (wishes[index] ?? 0) - offset;
      offset += slot.width + GAP;
    });
    const width = offset - GAP;
    return { slots, wishes, left: Math.round(total / slots.length), width };
  }
}

function centre(slot: Slot): number {
  return slot.x + half(slot);
}

function half(slot: Slot): number {
  return Math.floor(slot.width / 2);
}

function drawSlot(canvas: LineCanvas, slot: Slot, top: number, rowHeight: number): void {
  if (isPlaceholder(slot)) {
    canvas.vertical(slot.x, top - 1, top + rowHeight - 1);
    return;
  }
  canvas.box(slot.x, top, slot.width, slot.height, slot.node?.rounded ?? false);
  slot.lines.forEach((line, index) => {
    let x = slot.x + 1 + PADDING;
    for (const segment of line) {
      canvas.text(x, top + 1 + index, segment.text, segment.tone);
      x += [...segment.text].length;
    }
  });
}

interface Lane {
  parents: Slot[];
  children: Slot[];
  /** Column where the lane enters each child. */
  entries: Map<Slot, number>;
  y: number;
}

/** Draws the edges leaving `row`; returns the y of the arrow line just above the next row. */
function drawConnections(canvas: LineCanvas, row: Slot[], links: Link[], rowBottom: number, rowTop: number): number {
  const groups = new Map<string, Lane>();
  for (const parent of row) {
    const children = links.filter((link) => link.parent === parent).map((link) => link.child);
    if (!children.length) continue;
    const key = children
      .map((child) => child.id)
      .sort()
      .join('\u0001');
    const lane: Lane = groups.get(key) ?? { parents: [], children, entries: new Map(), y: 0 };
    lane.parents.push(parent);
    groups.set(key, lane);
  }
  const straight = [...groups.values()].filter(canRunStraight);
  for (const lane of straight) lane.entries.set(lane.children[0] as Slot, (lane.parents[0] as Slot).port);
  const lanes = orderLanes(
    [...groups.values()]
      .filter((lane) => !straight.includes(lane))
      .sort((a, b) => Math.min(...a.parents.map((slot) => slot.port)) - Math.min(...b.parents.map((slot) => slot.port))),
  );
  lanes.forEach((lane, index) => (lane.y = rowBottom + 1 + index));
  const arrowY = rowBottom + 1 + lanes.length;
  assignEntries(lanes, straight);

  const laneYs = new Set(lanes.map((lane) => lane.y));
  for (const lane of lanes) {
    const xs = [...lane.parents.map((slot) => slot.port), ...lane.entries.values()];
    canvas.horizontal(lane.y, Math.min(...xs), Math.max(...xs));
    for (const parent of lane.parents) canvas.vertical(parent.port, bottomOf(parent, rowTop, rowBottom), lane.y, laneYs);
    for (const [child, x] of lane.entries) {
      canvas.vertical(x, lane.y, arrowY, laneYs);
      enter(canvas, child, x, arrowY);
    }
  }
  for (const lane of straight) {
    const parent = lane.parents[0] as Slot;
    canvas.vertical(parent.port, bottomOf(parent, rowTop, rowBottom), arrowY, laneYs);
    enter(canvas, lane.children[0] as Slot, parent.port, arrowY);
  }
  return arrowY;
}

/**
 * A placeholder cannot move its column, so a lane entering one must lie below
 * every other lane whose parent line comes down that column; otherwise the two
 * lines would run along each other. Kept in the given order where it can be.
 */
function orderLanes(lanes: Lane[]): Lane[] {
  const mustFollow = new Map<Lane, Set<Lane>>(
    lanes.map((lane) => {
      const columns = new Set(lane.children.filter(isPlaceholder).map((child) => child.port));
      return [lane, new Set(lanes.filter((other) => other !== lane && other.parents.some((parent) => columns.has(parent.port))))];
    }),
  );
  const ordered: Lane[] = [];
  const remaining = [...lanes];
  while (remaining.length) {
    const next = remaining.find((lane) => [...(mustFollow.get(lane) ?? [])].every((before) => ordered.includes(before))) ?? (remaining[0] as Lane);
    ordered.push(next);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return ordered;
}

/** One parent above one child's box needs no lane: the line drops straight in. */
function canRunStraight(lane: Lane): boolean {
  const parent = lane.parents[0];
  const child = lane.children[0];
  if (lane.parents.length !== 1 || lane.children.length !== 1 || !parent || !child) return false;
  if (isPlaceholder(child)) return child.port === parent.port;
  return parent.port > child.x && parent.port < child.x + child.width - 1;
}

/**
 * Each lane enters each of its children by its own arrow, in a column no other
 * line uses below that lane, so a line never runs along another one.
 */
function assignEntries(lanes: Lane[], straight: Lane[]): void {
  const entriesOf = new Map<Slot, number[]>();
  for (const lane of straight) for (const [child, x] of lane.entries) entriesOf.set(child, [...(entriesOf.get(child) ?? []), x]);
  const straightColumns = straight.map((lane) => (lane.parents[0] as Slot).port);
  for (const lane of lanes) {
    const blocked = new Set([
      ...straightColumns,
      ...lanes.filter((other) => other !== lane && other.y >= lane.y).flatMap((other) => other.parents.map((slot) => slot.port)),
    ]);
    for (const child of lane.children) {
      const used = entriesOf.get(child) ?? [];
      const isFree = (column: number): boolean => [column - 1, column, column + 1].every((near) => !blocked.has(near) && !used.includes(near));
      // A lone parent drops straight into its children where it can; a lane with several parents stays a
      // visible bus (parents join it from above, children leave it below) so all-to-all reads as such.
      const aligned = lane.parents.length === 1 ? lane.parents.map((parent) => parent.port) : [];
      const x = isPlaceholder(child) ? child.port : freeColumn(child, aligned, isFree);
      lane.entries.set(child, x);
      entriesOf.set(child, [...used, x]);
    }
  }
}

/** Prefers dropping straight from a parent on the same lane, then the box centre and out from it. */
function freeColumn(child: Slot, parentColumns: number[], isFree: (column: number) => boolean): number {
  const inside = (column: number): boolean => column > child.x && column < child.x + child.width - 1;
  const aligned = parentColumns.find((column) => inside(column) && isFree(column));
  if (aligned !== undefined) return aligned;
  for (let step = 0; step < child.width; step++) {
    for (const candidate of [child.port + 2 * step, child.port - 2 * step]) {
      if (inside(candidate) && isFree(candidate)) return candidate;
    }
  }
  return child.port;
}

function isPlaceholder(slot: Slot): boolean {
  return !slot.node && slot.lines.length === 0;
}

function enter(canvas: LineCanvas, child: Slot, x: number, arrowY: number): void {
  if (!isPlaceholder(child)) canvas.arrowDown(x, arrowY);
}

function bottomOf(slot: Slot, rowTop: number, rowBottom: number): number {
  return isPlaceholder(slot) ? rowBottom : rowTop + slot.height - 1;
}

function lineLength(line: TextLine): number {
  return line.reduce((sum, segment) => sum + [...segment.text].length, 0);
}

function truncate(line: TextLine, max: number, ellipsis: string): TextLine {
  if (lineLength(line) <= max) return line;
  const result: TextLine = [];
  let room = max - [...ellipsis].length;
  for (const segment of line) {
    const chars = [...segment.text];
    if (chars.length <= room) {
      result.push(segment);
      room -= chars.length;
      continue;
    }
    result.push({ ...segment, text: chars.slice(0, Math.max(0, room)).join('') + ellipsis });
    break;
  }
  return result;
}
