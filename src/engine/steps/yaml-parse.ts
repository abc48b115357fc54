// yaml-parse: read values out of a YAML file into the step's outputs.

import { parse } from 'yaml';
import { parseFileStep } from '../files/parse-file-step.js';

export const yamlParseStep = parseFileStep('yaml-parse', {
  label: 'YAML',
  refuseEmpty: true,
  parse: (text) => parse(text, { prettyErrors: false }) as unknown,
});
