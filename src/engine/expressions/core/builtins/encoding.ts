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
    const text = stringArg(args[0]);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new EvaluationFault(`invalid JSON: ${(error as Error).message}`);
    }
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
