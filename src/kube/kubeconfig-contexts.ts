// The context names of the kubeconfig kubectl would read (for `--context <TAB>`):
// read from the files alone, without checking or connecting to anything.

import { readFileSync } from 'node:fs';
import { parseConfigYaml } from '../runtime/config-yaml.js';
import type { ClusterSelection } from './cluster-selection.js';
import { type Environment, kubeconfigFiles } from './kubeconfig-files.js';

export function kubeconfigContextNames(selection: Pick<ClusterSelection, 'kubeconfig'>, env: Environment): string[] {
  const names = new Set<string>();
  for (const file of kubeconfigFiles(selection, env)) {
    const document: unknown = parseConfigYaml(readFileSync(file, 'utf8'));
    const contexts = (document as { contexts?: unknown } | null)?.contexts;
    if (!Array.isArray(contexts)) continue;
    for (const context of contexts) {
      const name = (context as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name) names.add(name);
    }
  }
  return [...names].sort();
}
