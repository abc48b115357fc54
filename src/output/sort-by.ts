// kubectl's --sort-by=<jsonpath>: items ordered by the first value the path finds
// (numbers numerically, strings byte by byte, as kubectl compares the values of
// objects read as unstructured JSON), items without it first, starting from the
// cluster's order (by project, then name). A path that matches no item at all is
// a usage error.

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
  return sortLikeKubectl(keys).map((key) => key.item);
}

type Key = { value: unknown; found: boolean };

/**
 * kubectl's Less says "less" for any item without the field, even against another
 * such item, and Go sorts up to 12 items by insertion: those items come out in
 * reverse. Larger lists are sorted stably (Go's order for them is not stable).
 */
function sortLikeKubectl<K extends Key>(keys: K[]): K[] {
  const less = (a: K, b: K): boolean => !a.found || (b.found && compareValues(a.value, b.value) < 0);
  if (keys.length > 12) return keys.sort((a, b) => (!a.found || !b.found ? Number(a.found) - Number(b.found) : compareValues(a.value, b.value)));
  for (let index = 1; index < keys.length; index++) {
    for (let position = index; position > 0 && less(keys[position] as K, keys[position - 1] as K); position--) {
      [keys[position - 1], keys[position]] = [keys[position] as K, keys[position - 1] as K];
    }
  }
  return keys;
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
