// How the pipeline picture looks on this output stream: box-drawing characters and
// colour where colour is on (a terminal, --color always, CLICOLOR_FORCE), plain
// ASCII where it is off (piped, NO_COLOR, TERM=dumb, --color never).

import type { OutputStream } from '../runtime/io.js';
import type { ColorMode } from './formats.js';
import type { Painter, Tone } from './pipeline-canvas.js';
import { createStyle } from './style.js';
import { colorEnabled } from './terminal.js';

export interface PipelineStyle {
  unicode: boolean;
  paint?: Painter;
}

export function pipelineStyle(stream: OutputStream, env: Readonly<Record<string, string | undefined>>, mode: ColorMode): PipelineStyle {
  if (!colorEnabled(stream, env, mode)) return { unicode: false };
  const style = createStyle(true);
  const tones: Record<Tone, (text: string) => string> = {
    name: style.bold,
    ok: style.good,
    warn: style.busy,
    bad: style.bad,
    muted: style.dim,
    info: (text) => text,
  };
  return { unicode: true, paint: (text, tone) => tones[tone](text) };
}
