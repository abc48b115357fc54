// What `-o` asks for, checked before any request: a table, json|yaml|name, or a
// compiled template (JSONPath, Go template, custom columns) whose errors are usage
// errors worded as kubectl words them. A template's compiler loads only when -o
// names it.

import { fail } from '../runtime/failure.js';
import type { CustomColumn } from './custom-columns.js';
import type { OutputFormat } from './formats.js';

export type OutputSpec =
  | { kind: 'table'; wide: boolean }
  | { kind: 'json' | 'yaml' | 'name' }
  /** -o jsonpath…, go-template…: renders the whole document (an object, or a List). */
  | { kind: 'template'; render(document: unknown): string }
  | { kind: 'custom-columns'; columns: CustomColumn[] };

export interface OutputRequest {
  format: OutputFormat | undefined;
  /** What followed `=` in `-o FORMAT=…`. */
  argument?: string;
  /** --template. */
  template?: string;
  /** --allow-missing-template-keys (kubectl's default: true). */
  allowMissingKeys: boolean;
  /** Reads a -file format's file; throws on failure. */
  readFile(path: string): string;
}

export async function resolveOutputSpec(request: OutputRequest): Promise<OutputSpec> {
  const { format, allowMissingKeys } = request;
  if (format === undefined && request.template) return goTemplateSpec(request.template, allowMissingKeys);
  switch (format) {
    case undefined:
    case 'wide':
      return { kind: 'table', wide: format === 'wide' };
    case 'json':
    case 'yaml':
    case 'name':
      return { kind: format };
    case 'custom-columns':
      return { kind: 'custom-columns', columns: (await import('./custom-columns.js')).parseCustomColumnsSpec(templateText(request, false)) };
    case 'custom-columns-file':
      return { kind: 'custom-columns', columns: (await import('./custom-columns.js')).parseCustomColumnsFile(templateText(request, true)) };
    case 'jsonpath':
    case 'jsonpath-file':
    case 'jsonpath-as-json':
      return jsonPathSpec(templateText(request, format === 'jsonpath-file'), allowMissingKeys, format === 'jsonpath-as-json');
    case 'go-template':
    case 'template':
    case 'go-template-file':
    case 'templatefile':
      return goTemplateSpec(templateText(request, format === 'go-template-file' || format === 'templatefile'), allowMissingKeys);
  }
}

function templateText(request: OutputRequest, fromFile: boolean): string {
  const value = request.argument || request.template || '';
  if (value === '') {
    fail('usage', 'template format specified but no template given', `Give one as -o ${request.format}=TEMPLATE or with --template.`);
  }
  if (!fromFile) return value;
  try {
    return request.readFile(value);
  } catch (error) {
    fail('usage', `error reading --template ${value}, ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function jsonPathSpec(template: string, allowMissingKeys: boolean, json: boolean): Promise<OutputSpec> {
  const { compileJsonPath, JsonPathExecutionError, JsonPathSyntaxError } = await import('./jsonpath/index.js');
  try {
    const path = compileJsonPath(template, { allowMissingKeys, json });
    return { kind: 'template', render: (document) => executing('jsonpath', template, () => path.print(document), JsonPathExecutionError) };
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) fail('usage', `error parsing jsonpath ${template}, ${error.message}`, JSONPATH_HINT);
    throw error;
  }
}

async function goTemplateSpec(template: string, allowMissingKeys: boolean): Promise<OutputSpec> {
  const { compileGoTemplate, TemplateExecutionError, TemplateSyntaxError } = await import('./go-template/index.js');
  try {
    const compiled = compileGoTemplate(template, { allowMissingKeys });
    return { kind: 'template', render: (document) => executing('template', template, () => compiled.execute(document), TemplateExecutionError) };
  } catch (error) {
    if (error instanceof TemplateSyntaxError) fail('usage', `error parsing template ${template}, ${error.message}`, GO_TEMPLATE_HINT);
    throw error;
  }
}

const JSONPATH_HINT = `e.g. -o jsonpath='{.items[*].metadata.name}' or -o jsonpath='{range .items[*]}{.metadata.name}{"\\n"}{end}'`;
const GO_TEMPLATE_HINT = `e.g. -o go-template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`;

/** Runs a compiled template; its execution errors (`executionError`) are usage errors. */
function executing(kind: 'jsonpath' | 'template', template: string, run: () => string, executionError: new (...args: never[]) => Error): string {
  try {
    return run();
  } catch (error) {
    if (error instanceof executionError) {
      const missing = /is not found$|has no entry for key/.test(error.message);
      fail(
        'usage',
        `error executing ${kind} ${JSON.stringify(template)}: ${error.message}`,
        missing ? 'Missing fields print nothing with --allow-missing-template-keys=true (the default).' : undefined,
      );
    }
    throw error;
  }
}
