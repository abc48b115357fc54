// kubectl's JSONPath printer (`-o jsonpath=…`, `-o jsonpath-as-json=…`) over plain
// JSON data. The dialect is client-go's, not RFC 9535 or Goessner's: text outside
// braces, `{range}`/`{end}`, `{"\n"}` literals, and each action's results printed
// space-separated, maps and arrays as compact JSON.

import { goJson, goSprint, isMap } from '../go-values.js';
import { FloatLiteral, findResults, JsonPathExecutionError } from './evaluate.js';
import { JsonPathSyntaxError, type PathNode } from './nodes.js';
import { parseTemplate } from './parse.js';

export { JsonPathExecutionError, JsonPathSyntaxError };

export interface JsonPathOptions {
  /** kubectl's --allow-missing-template-keys (default true): a missing field prints nothing instead of failing. */
  allowMissingKeys: boolean;
  /** -o jsonpath-as-json: each action's results as an indented JSON array. */
  json?: boolean;
}

export interface JsonPath {
  /** Every action's results, in order (for custom columns and --sort-by). */
  find(data: unknown): unknown[][];
  print(data: unknown): string;
}

/** Throws JsonPathSyntaxError for a template client-go would not parse. */
export function compileJsonPath(template: string, options: JsonPathOptions): JsonPath {
  const root: PathNode[] = parseTemplate(template);
  const find = (data: unknown) => findResults(root, data, options.allowMissingKeys);
  return {
    find,
    print: (data) =>
      find(data)
        .map((results) => (options.json ? `${goJson(results.map(plain), '    ')}\n` : results.map(printResult).join(' ')))
        .join(''),
  };
}

/** One result as client-go prints it: containers as JSON, anything else with Go's %v. */
export function printResult(value: unknown): string {
  if (value instanceof FloatLiteral) return goSprint(value.value, 'float');
  if (Array.isArray(value) || isMap(value)) return goJson(value);
  return goSprint(value, 'int');
}

function plain(value: unknown): unknown {
  return value instanceof FloatLiteral ? value.value : value;
}
