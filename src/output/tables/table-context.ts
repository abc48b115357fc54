// What every table builder needs besides the objects themselves.

import type { Style } from '../style.js';

export interface TableContext {
  now: Date;
  style: Style;
  wide: boolean;
  /** Freight name → alias, for columns that show Freight by alias. */
  freightAliases: ReadonlyMap<string, string>;
}

export interface TableData {
  header: string[];
  rows: string[][];
}

export const NONE = '<none>';

/** The alias of a Freight by name, falling back to its short name. */
export function aliasOf(name: string | undefined, context: TableContext): string {
  if (!name) return NONE;
  return context.freightAliases.get(name) ?? name.slice(0, 7);
}
