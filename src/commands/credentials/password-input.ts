// The password of repository credentials: --password, or, as Kargo's CLI asks
// for it when the flag is missing, the first line of stdin (`printf %s "$PW" |
// kargo create repo-credentials …`), which keeps it out of the shell history
// and the process list.

import type { CliContext } from '../../cli/context.js';
import { fail } from '../../runtime/failure.js';

export async function passwordFrom(ctx: CliContext, flag: string | undefined): Promise<string> {
  if (flag !== undefined) return flag;
  const stdin = ctx.io.stdin;
  if (!stdin) fail('usage', 'no password given', 'Pass --password, or pipe the password on stdin.');
  if (ctx.io.stderr.isTTY) ctx.io.stderr.write('Repository password (one line on stdin): ');
  const password = await firstLine(stdin());
  if (password === '') fail('usage', 'no password given: stdin was empty', 'Pass --password, or pipe the password on stdin.');
  return password;
}

async function firstLine(input: AsyncIterable<string | Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const end = text.search(/\r?\n/);
    if (end >= 0) return text.slice(0, end);
  }
  return text;
}
