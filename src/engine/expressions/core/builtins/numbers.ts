// expr-lang's number builtins (builtin/lib.go): abs, ceil/floor/round,
// int/float conversions, max/min/mean/median over numbers and arrays.

import { EvaluationFault } from '../errors.js';
import { goTypeName } from '../values.js';
import { arity, type Builtin } from './args.js';

export const NUMBER_BUILTINS: Readonly<Record<string, Builtin>> = {
  abs: (args) => {
    arity(args, 1);
    return Math.abs(numberArg('abs', args[0]));
  },
  ceil: (args) => (arity(args, 1), Math.ceil(numberArg('ceil', args[0]))),
  floor: (args) => (arity(args, 1), Math.floor(numberArg('floor', args[0]))),
  round: (args) => (arity(args, 1), goRound(numberArg('round', args[0]))),
  int: (args) => {
    arity(args, 1);
    const value = args[0];
    if (typeof value === 'number') return Math.trunc(value);
    if (typeof value === 'string') {
      if (!/^[+-]?\d+$/.test(value)) throw new EvaluationFault(`invalid operation: int(${value})`);
      return Number(value);
    }
    throw new EvaluationFault(`invalid operation: int(${goTypeName(value)})`);
  },
  float: (args) => {
    arity(args, 1);
    const value = args[0];
    if (typeof value === 'number') return value;
    if (typeof value === 'string') {
      const parsed = parseGoFloat(value);
      if (parsed === undefined) throw new EvaluationFault(`invalid operation: float(${value})`);
      return parsed;
    }
    throw new EvaluationFault(`invalid operation: float(${goTypeName(value)})`);
  },
  max: (args) => extreme('max', args, (a, b) => b > a),
  min: (args) => extreme('min', args, (a, b) => b < a),
  mean: (args) => {
    const values = numbers('mean', args);
    return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  },
  median: (args) => {
    const values = numbers('median', args).sort((a, b) => a - b);
    const n = values.length;
    if (n === 0) return 0;
    return n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
  },
};

function numberArg(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new EvaluationFault(`invalid argument for ${name} (type ${goTypeName(value)})`);
  return value;
}

/** Go's math.Round: halves away from zero. */
function goRound(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

function extreme(name: string, args: readonly unknown[], better: (current: number, candidate: number) => boolean): unknown {
  if (args.length === 1 && typeof args[0] !== 'number' && !Array.isArray(args[0])) return args[0];
  let best: number | undefined;
  for (const value of numbers(name, args)) if (best === undefined || better(best, value)) best = value;
  return best ?? null;
}

function numbers(name: string, args: readonly unknown[], depth = 0): number[] {
  if (depth > 10000) throw new EvaluationFault('recursion depth exceeded');
  if (depth === 0 && args.length === 0) throw new EvaluationFault(`not enough arguments to call ${name}`);
  const out: number[] = [];
  for (const arg of args) {
    if (typeof arg === 'number') out.push(arg);
    else if (Array.isArray(arg)) out.push(...numbers(name, arg, depth + 1));
    else throw new EvaluationFault(`invalid argument for ${name} (type ${goTypeName(arg)})`);
  }
  return out;
}

/** strconv.ParseFloat's accepted forms: decimal, hex float, inf/infinity, nan. */
export function parseGoFloat(text: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  if (/^[+-]?0x[0-9a-f]*\.?[0-9a-f]*p[+-]?\d+$/i.test(text)) return parseHexFloat(text);
  return undefined;
}

function parseHexFloat(text: string): number {
  const negative = text.startsWith('-');
  const [mantissa, exponent] = text.replace(/^[+-]?0x/i, '').split(/p/i) as [string, string];
  const [whole, fraction = ''] = mantissa.split('.');
  const value = parseInt(`${whole || '0'}${fraction}`, 16) * 2 ** (Number(exponent) - 4 * fraction.length);
  return negative ? -value : value;
}
