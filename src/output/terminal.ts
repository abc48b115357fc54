// Whether output may carry colour, and whether progress may animate, decided the
// way well-mannered CLIs do: --color wins; then NO_COLOR, CLICOLOR_FORCE,
// TERM=dumb; then whether the stream is a terminal.

import type { OutputStream } from '../runtime/io.js';
import type { ColorMode } from './formats.js';

type Environment = Readonly<Record<string, string | undefined>>;

export function colorEnabled(stream: OutputStream, env: Environment, mode: ColorMode = 'auto'): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  if (env.NO_COLOR) return false;
  if (env.CLICOLOR_FORCE && env.CLICOLOR_FORCE !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** Spinners and redrawn lines: only on a real terminal, never in CI logs. */
export function animationEnabled(stream: OutputStream, env: Environment): boolean {
  return stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
}
