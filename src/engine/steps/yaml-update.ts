// yaml-update: set existing scalar values in a YAML file, keeping its comments and layout.

import { quoteIfNecessary } from '../files/quote.js';
import { updateFileStep } from '../files/update-file-step.js';
import { setYamlValues } from '../files/yaml-values.js';

export const yamlUpdateStep = updateFileStep('yaml-update', {
  failure: 'values file update failed',
  context: (path) => `error updating image references in values file ${JSON.stringify(path)}`,
  apply: setYamlValues,
  describe: quoteIfNecessary,
});
