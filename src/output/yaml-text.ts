// -o yaml's serializer, in a module of its own so that printers load it (115 KB)
// only when YAML is asked for. A static import: the bundler hands a CommonJS
// package imported dynamically over as `default` alone.

import { stringify } from 'yaml';

export function toYaml(document: unknown): string {
  return stringify(document);
}
