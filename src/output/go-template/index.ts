// kubectl's -o go-template=… / --template: Go's text/template over the object as
// JSON, with kubectl's functions (see functions.ts for the list).

import { executeGoTemplate } from './execute.js';
import { FUNCTION_NAMES } from './functions.js';
import { TemplateSyntaxError } from './lexer.js';
import { parseGoTemplate } from './parser.js';
import { TemplateExecutionError } from './values.js';

export { TemplateExecutionError, TemplateSyntaxError };

export interface GoTemplate {
  execute(data: unknown): string;
}

/** Throws TemplateSyntaxError for a template Go would not parse. */
export function compileGoTemplate(source: string, options: { allowMissingKeys: boolean }): GoTemplate {
  const nodes = parseGoTemplate(source, FUNCTION_NAMES);
  return { execute: (data) => executeGoTemplate(nodes, data, options.allowMissingKeys) };
}
