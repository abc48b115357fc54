// toml-parse: read values out of a TOML file into the step's outputs.

import { parseFileStep } from '../files/parse-file-step.js';
import { parseToml } from '../files/toml-document.js';

export const tomlParseStep = parseFileStep('toml-parse', {
  label: 'TOML',
  refuseEmpty: true,
  parse: parseToml,
});
