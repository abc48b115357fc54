// expr-lang's string builtins (builtin/builtin.go): trim*, upper/lower,
// split*, replace, repeat, join, indexOf, hasPrefix/hasSuffix.

import { EvaluationFault } from '../errors.js';
import { goTypeName } from '../values.js';
import { intArg, signatureArity, stringArg, type Builtin } from './args.js';

export const STRING_BUILTINS: Readonly<Record<string, Builtin>> = {
  trim: (args) => {
    signatureArity('trim', args, 1, 2);
    const text = stringArg(args[0]);
    return args.length === 1 ? text.trim() : trimSet(text, stringArg(args[1]), true, true);
  },
  trimPrefix: (args) => {
    signatureArity('trimPrefix', args, 1, 2);
    const text = stringArg(args[0]);
    const prefix = args.length === 2 ? stringArg(args[1]) : ' ';
    return prefix !== '' && text.startsWith(prefix) ? text.slice(prefix.length) : text;
  },
  trimSuffix: (args) => {
    signatureArity('trimSuffix', args, 1, 2);
    const text = stringArg(args[0]);
    const suffix = args.length === 2 ? stringArg(args[1]) : ' ';
    return suffix !== '' && text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text;
  },
  upper: (args) => (signatureArity('upper', args, 1), stringArg(args[0]).toUpperCase()),
  lower: (args) => (signatureArity('lower', args, 1), stringArg(args[0]).toLowerCase()),
  split: (args) => {
    signatureArity('split', args, 2, 3);
    return split(stringArg(args[0]), stringArg(args[1]), args.length === 3 ? intArg(args[2]) : -1, false);
  },
  splitAfter: (args) => {
    signatureArity('splitAfter', args, 2, 3);
    return split(stringArg(args[0]), stringArg(args[1]), args.length === 3 ? intArg(args[2]) : -1, true);
  },
  replace: (args) => {
    signatureArity('replace', args, 3, 4);
    const [text, from, to] = [stringArg(args[0]), stringArg(args[1]), stringArg(args[2])];
    if (args.length === 3) return text.split(from).join(to);
    const limit = intArg(args[3]);
    return limit < 0 ? text.split(from).join(to) : replaceN(text, from, to, limit);
  },
  repeat: (args) => {
    signatureArity('repeat', args, 2);
    const count = intArg(args[1]);
    if (count < 0) throw new EvaluationFault(`invalid argument for repeat (expected positive integer, got ${count})`);
    if (count > 1e6) throw new EvaluationFault('memory budget exceeded');
    return stringArg(args[0]).repeat(count);
  },
  join: (args) => {
    signatureArity('join', args, 1, 2);
    const glue = args.length === 2 ? stringArg(args[1]) : '';
    if (!Array.isArray(args[0])) throw new EvaluationFault(`invalid argument for join (type ${goTypeName(args[0])})`);
    return args[0].map(stringArg).join(glue);
  },
  indexOf: (args) => (signatureArity('indexOf', args, 2), byteIndex(stringArg(args[0]), stringArg(args[0]).indexOf(stringArg(args[1])))),
  lastIndexOf: (args) => (signatureArity('lastIndexOf', args, 2), byteIndex(stringArg(args[0]), stringArg(args[0]).lastIndexOf(stringArg(args[1])))),
  hasPrefix: (args) => (signatureArity('hasPrefix', args, 2), stringArg(args[0]).startsWith(stringArg(args[1]))),
  hasSuffix: (args) => (signatureArity('hasSuffix', args, 2), stringArg(args[0]).endsWith(stringArg(args[1]))),
};

/** Go's strings.Trim: drop leading and trailing characters found in `set`. */
function trimSet(text: string, set: string, left: boolean, right: boolean): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (left && start < end && set.includes(chars[start]!)) start++;
  while (right && end > start && set.includes(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/** Go's strings.SplitN / SplitAfterN (n < 0: all; n == 0: none). */
function split(text: string, separator: string, n: number, keepSeparator: boolean): string[] {
  if (n === 0) return [];
  if (separator === '') {
    const chars = Array.from(text);
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts: string[] = [];
  let rest = text;
  while (n < 0 || parts.length < n - 1) {
    const index = rest.indexOf(separator);
    if (index < 0) break;
    parts.push(rest.slice(0, index + (keepSeparator ? separator.length : 0)));
    rest = rest.slice(index + separator.length);
  }
  parts.push(rest);
  return parts;
}

function replaceN(text: string, from: string, to: string, limit: number): string {
  let out = '';
  let rest = text;
  for (let done = 0; done < limit; done++) {
    const index = rest.indexOf(from);
    if (index < 0) break;
    out += rest.slice(0, index) + to;
    rest = rest.slice(index + from.length);
  }
  return out + rest;
}

/** Go's strings.Index answers in bytes of UTF-8, not in characters. */
function byteIndex(text: string, index: number): number {
  return index < 0 ? -1 : Buffer.byteLength(text.slice(0, index), 'utf8');
}
