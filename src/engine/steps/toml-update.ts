// toml-update: set existing scalar values in a TOML file, keeping its comments and layout.

import { updateFileStep } from '../files/update-file-step.js';
import { formatTomlValueForMessage, setTomlValues } from '../files/toml-values.js';

export const tomlUpdateStep = updateFileStep('toml-update', {
  failure: 'TOML file update failed',
  context: (path) => `error updating TOML file ${JSON.stringify(path)}`,
  apply: setTomlValues,
  describe: formatTomlValueForMessage,
});
