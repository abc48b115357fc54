// Reads (and writes) the small YAML files every cluster command starts with: the kubeconfig
// and kargo's own config. js-yaml is the parser @kubernetes/client-node reads
// kubeconfigs with; its loader is 44 KB against the 115 KB `yaml` bundles, which
// kargo keeps for -o yaml and for manifests, where comments and documents matter.
// The core schema, as `yaml` and kubectl read these files: a timestamp stays a
// string and `<<` is a plain key.

import { CORE_SCHEMA, dump, load, YAMLException } from 'js-yaml';

/** The one document's value (undefined for an empty or comment-only file); invalid YAML throws an Error of one line. */
export function parseConfigYaml(text: string): unknown {
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const at = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    throw new Error(`${error.reason}${at}`, { cause: error });
  }
}

/** kargo's config as YAML (`project: my-web-app`), for writing the file. */
export function stringifyConfigYaml(value: unknown): string {
  return dump(value, { schema: CORE_SCHEMA });
}
