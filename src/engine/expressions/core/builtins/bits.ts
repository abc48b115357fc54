// expr-lang's bit builtins (builtin/builtin.go): 64-bit integer operations.

import { EvaluationFault } from '../errors.js';
import { isInt } from '../values.js';
import { arity, type Builtin } from './args.js';

function int64(name: string, value: unknown): bigint {
  if (!isInt(value)) throw new EvaluationFault(`cannot use ${typeof value === 'number' ? 'float64' : typeof value} as argument (type int) to call ${name}`);
  return BigInt(value);
}

function binary(name: string, operation: (a: bigint, b: bigint) => bigint): Builtin {
  return (args) => {
    arity(args, 2);
    return Number(BigInt.asIntN(64, operation(int64(name, args[0]), int64(name, args[1]))));
  };
}

function shift(name: string, operation: (a: bigint, b: bigint) => bigint): Builtin {
  return binary(name, (a, b) => {
    if (b < 0n) throw new EvaluationFault(`invalid operation: negative shift count ${b} (type int)`);
    return operation(a, b);
  });
}

export const BIT_BUILTINS: Readonly<Record<string, Builtin>> = {
  bitand: binary('bitand', (a, b) => a & b),
  bitor: binary('bitor', (a, b) => a | b),
  bitxor: binary('bitxor', (a, b) => a ^ b),
  bitnand: binary('bitnand', (a, b) => a & ~b),
  bitnot: (args) => (arity(args, 1), Number(~int64('bitnot', args[0]))),
  bitshl: shift('bitshl', (a, b) => a << b),
  bitshr: shift('bitshr', (a, b) => a >> b),
  bitushr: shift('bitushr', (a, b) => BigInt.asUintN(64, a) >> b),
};
