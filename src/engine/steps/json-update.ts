// json-update: set values in a JSON file, creating missing keys and keeping its formatting.

import { setJsonValues } from '../files/json-values.js';
import { formatPlain } from '../files/quote.js';
import { updateFileStep } from '../files/update-file-step.js';

export const jsonUpdateStep = updateFileStep('json-update', {
  failure: 'JSON file update failed',
  apply: setJsonValues,
  describe: (value) => (typeof value === 'string' ? JSON.stringify(value) : formatPlain(value)),
});
