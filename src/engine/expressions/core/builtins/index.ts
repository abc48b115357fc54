// Every non-predicate builtin of expr-lang this engine knows, by name.

import type { Builtin } from './args.js';
import { BIT_BUILTINS } from './bits.js';
import { COLLECTION_BUILTINS } from './collections.js';
import { ENCODING_BUILTINS } from './encoding.js';
import { NUMBER_BUILTINS } from './numbers.js';
import { STRING_BUILTINS } from './strings.js';

export type { Builtin } from './args.js';

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  ...STRING_BUILTINS,
  ...NUMBER_BUILTINS,
  ...COLLECTION_BUILTINS,
  ...ENCODING_BUILTINS,
  ...BIT_BUILTINS,
};
