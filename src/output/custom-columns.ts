// kubectl's -o custom-columns=HEADER:PATH,… and -o custom-columns-file: one
// JSONPath per column (missing fields print <none>), several values joined by
// commas, laid out by Go's tabwriter as kubectl configures it.

import { fail } from '../runtime/failure.js';
import { goSprint } from './go-values.js';
import { compileJsonPath, type JsonPath, JsonPathSyntaxError } from './jsonpath/index.js';

export interface CustomColumn {
  header: string;
  /** The column's JSONPath in braces, e.g. `{.metadata.name}`. */
  path: string;
}

const RELAXED_PATH = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;
const FILE_FORMAT = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/** `NAME:.metadata.name,READY:{.status.ready}`. */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec === '')
    fail('usage', 'custom-columns format specified but no custom columns given', 'e.g. -o custom-columns=NAME:.metadata.name,AGE:.metadata.creationTimestamp');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) fail('usage', `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

/** A custom-columns file: a line of headers, then a line of paths, whitespace-separated. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const [headerLine, specLine] = text.split(/\r?\n/);
  if (headerLine === undefined || headerLine === '') fail('usage', `invalid template, missing header line. ${FILE_FORMAT}`);
  if (specLine === undefined) fail('usage', `invalid template, missing spec line. ${FILE_FORMAT}`);
  const headers = headerLine.split(/\s+/).filter(Boolean);
  const specs = specLine.split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) fail('usage', `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((header, index) => ({ header, path: relaxedJsonPath(specs[index] ?? '') }));
}

/** kubectl's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
export function relaxedJsonPath(expression: string): string {
  if (expression === '') return expression;
  const match = RELAXED_PATH.exec(expression);
  if (!match) fail('usage', "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${match[1] || match[2]}}`;
}

export function formatCustomColumns(items: unknown[], columns: CustomColumn[], headers: boolean): string {
  const paths: JsonPath[] = columns.map((column) => {
    try {
      return compileJsonPath(column.path, { allowMissingKeys: true });
    } catch (error) {
      if (error instanceof JsonPathSyntaxError) fail('usage', `error parsing custom-columns path ${column.path}: ${error.message}`);
      throw error;
    }
  });
  const lines = items.map((item) => paths.map((path) => cellOf(path.find(item))));
  return tabwriter(headers ? [columns.map((column) => column.header), ...lines] : lines);
}

function cellOf(results: unknown[][]): string {
  const values = results.flat().map((value) => goSprint(value, 'int'));
  return (results[0]?.length ?? 0) === 0 ? ['<none>', ...values].join(',') : values.join(',');
}

/** Go's text/tabwriter with kubectl's settings: cells padded by 3 to at least 6 runes; the last cell is not padded. */
function tabwriter(lines: string[][]): string {
  const widths: number[] = [];
  for (const line of lines) {
    line.slice(0, -1).forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 6, [...cell].length + 3);
    });
  }
  return lines
    .map(
      (line) =>
        `${line.map((cell, index) => (index < line.length - 1 ? cell.padEnd((widths[index] ?? 0) + cell.length - [...cell].length) : cell)).join('')}\n`,
    )
    .join('');
}
