// expr-lang's encoding builtins: string (fmt's %v), toJSON (indented, keys
// sorted), fromJSON, toBase64, fromBase64.

import { EvaluationFault } from '../errors.js';
import { formatValue } from '../go-format.js';
import { marshalJSON } from '../go-json.js';
import { signatureArity, stringArg, type Builtin } from './args.js';

export const ENCODING_BUILTINS: Readonly<Record<string, Builtin>> = {
  string: (args) => {
    signatureArity('string', args, 1);
    return formatValue(args[0]);
  },
  toJSON: (args) => (signatureArity('toJSON', args, 1), marshalJSON(args[0], '  ')),
  fromJSON: (args) => {
    signatureArity('fromJSON', args, 1);
    return decodeJSON(stringArg(args[0]));
  },
  toBase64: (args) => (signatureArity('toBase64', args, 1), Buffer.from(stringArg(args[0]), 'utf8').toString('base64')),
  fromBase64: (args) => {
    signatureArity('fromBase64', args, 1);
    const text = stringArg(args[0]);
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
      throw new EvaluationFault(`illegal base64 data in ${JSON.stringify(text)}`);
    }
    return Buffer.from(text, 'base64').toString('utf8');
  },
};

/** JSON.parse with encoding/json's verdicts: numbers must fit a float64; Go's wording for bad input. */
function decodeJSON(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const character = /Unexpected token '(.)'/.exec(message)?.[1] ?? text[position];
    if (/end of JSON input/i.test(message) || character === undefined || position >= text.trimEnd().length) {
      throw new EvaluationFault('unexpected end of JSON input');
    }
    throw new EvaluationFault(`invalid character '${character}' looking for beginning of value`);
  }
  const overflow = /-?\d+(\.\d+)?[eE][+-]?\d+/.exec(text);
  if (overflow && !Number.isFinite(Number(overflow[0]))) {
    throw new EvaluationFault(`json: cannot unmarshal number ${overflow[0]} into Go value of type float64`);
  }
  return value;
}
