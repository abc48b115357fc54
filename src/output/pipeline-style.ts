// How the pipeline picture looks on this output stream: box-drawing characters and
// colour on a terminal, plain ASCII when piped, with NO_COLOR, TERM=dumb or
// --color never; --color always / CLICOLOR_FORCE force the terminal look.

import { Chalk, type ChalkInstance } from 'chalk';
import type { OutputStream } from '../cli/context.js';
import type { ColorMode } from '../cli/global-options.js';
import type { Painter, Tone } from './pipeline-canvas.js';

export interface PipelineStyle {
  unicode: boolean;
  paint?: Painter;
}

export function pipelineStyle(stream: OutputStream, env: Readonly<Record<string, string | undefined>>, mode: ColorMode): PipelineStyle {
  if (!wantsTerminalLook(stream, env, mode)) return { unicode: false };
  const chalk = new Chalk({ level: 1 });
  const tones: Record<Tone, ChalkInstance> = {
    name: chalk.bold,
    ok: chalk.green,
    warn: chalk.yellow,
    bad: chalk.red,
    muted: chalk.dim,
    info: chalk.cyan,
  };
  return { unicode: true, paint: (text, tone) => tones[tone](text) };
}

function wantsTerminalLook(stream: OutputStream, env: Readonly<Record<string, string | undefined>>, mode: ColorMode): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  if (env.NO_COLOR) return false;
  if (env.CLICOLOR_FORCE && env.CLICOLOR_FORCE !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
