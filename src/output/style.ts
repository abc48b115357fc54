// Colour for table cells, bound to one decision (on or off) per output stream.

import { Chalk } from 'chalk';

export interface Style {
  enabled: boolean;
  good(text: string): string;
  bad(text: string): string;
  busy(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  /** Colours a phase / health word by what it means. */
  state(text: string): string;
}

const GOOD = new Set(['Succeeded', 'Successful', 'Healthy', 'yes', 'Verified', 'Ready', 'True']);
const BAD = new Set(['Failed', 'Errored', 'Error', 'Unhealthy', 'Aborted', 'Inconclusive', 'no', 'False']);
const BUSY = new Set(['Running', 'Pending', 'Progressing', 'Unknown']);

export function createStyle(enabled: boolean): Style {
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
  return {
    enabled,
    good: (text) => chalk.green(text),
    bad: (text) => chalk.red(text),
    busy: (text) => chalk.yellow(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    state(text) {
      if (GOOD.has(text)) return chalk.green(text);
      if (BAD.has(text)) return chalk.red(text);
      if (BUSY.has(text)) return chalk.yellow(text);
      return text;
    },
  };
}
