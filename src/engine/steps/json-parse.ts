// json-parse: read values out of a JSON file into the step's outputs.

import { parseFileStep } from '../files/parse-file-step.js';

export const jsonParseStep = parseFileStep('json-parse', {
  label: 'JSON',
  refuseEmpty: false,
  parse: (text) => JSON.parse(text) as unknown,
});
