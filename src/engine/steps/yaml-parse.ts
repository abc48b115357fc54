// yaml-parse: read values out of a YAML file into the step's outputs. Like
// Kargo (sigs.k8s.io/yaml), only the file's first document is read.

import { parseAllDocuments } from 'yaml';
import { parseFileStep } from '../files/parse-file-step.js';

export const yamlParseStep = parseFileStep('yaml-parse', {
  label: 'YAML',
  refuseEmpty: true,
  parse: (text) => {
    const [first] = parseAllDocuments(text);
    if (!first) return null;
    const problem = first.errors[0];
    if (problem) throw new Error(problem.message);
    return first.toJS() as unknown;
  },
});
