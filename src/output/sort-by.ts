// kubectl's --sort-by=<jsonpath>: items ordered by the first value the path finds
// (numbers numerically, strings byte by byte, as kubectl compares the values of
// objects read as unstructured JSON); items
// without it first; ties keep the cluster's order (by project, then name), as
// kubectl's do. A path that matches no item at all is a usage error.

import { fail } from '../runtime/failure.js';
import { relaxedJsonPath } from './custom-columns.js';
import { goStringCompare, isMap } from './go-values.js';
import { compileJsonPath, JsonPathExecutionError, JsonPathSyntaxError } from './jsonpath/index.js';

export function sortByJsonPath<T>(items: T[], expression: string, objectOf: (item: T) => unknown = (item) => item): T[] {
  const field = relaxedJsonPath(expression);
  let keys: { item: T; value: unknown; found: boolean }[];
  try {
    const path = compileJsonPath(field, { allowMissingKeys: true });
    keys = [...items]
      .sort((a, b) => clusterOrder(objectOf(a), objectOf(b)))
      .map((item) => {
        const first = path.find(objectOf(item))[0] ?? [];
        return { item, value: first[0], found: first.length > 0 };
      });
  } catch (error) {
    if (error instanceof JsonPathSyntaxError || error instanceof JsonPathExecutionError) fail('usage', `--sort-by ${expression}: ${error.message}`);
    throw error;
  }
  if (items.length > 0 && !keys.some((key) => key.found)) {
    fail('usage', `couldn't find any field with path "${field}" in the list of objects`, 'e.g. --sort-by=.metadata.creationTimestamp');
  }
  return keys.sort((a, b) => (!a.found || !b.found ? Number(b.found) - Number(a.found) : compareValues(a.value, b.value))).map((key) => key.item);
}

function clusterOrder(a: unknown, b: unknown): number {
  const key = (object: unknown) => {
    const metadata = (isMap(object) && isMap(object.metadata) ? object.metadata : {}) as { namespace?: string; name?: string };
    return `${metadata.namespace ?? ''}/${metadata.name ?? ''}`;
  };
  return goStringCompare(key(a), key(b));
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return goStringCompare(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return goStringCompare(JSON.stringify(a) ?? '', JSON.stringify(b) ?? '');
}
