// Variants of a test cluster's kubeconfig (another server, no CA, a bad token,
// a context namespace) written next to the original.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

interface KubeconfigDocument {
  clusters: { name: string; cluster: Record<string, string> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, string> }[];
  'current-context': string;
}

export function rewriteKubeconfig(source: string, name: string, edit: (config: KubeconfigDocument) => void): string {
  const config = parse(readFileSync(source, 'utf8')) as KubeconfigDocument;
  edit(config);
  const path = join(source, '..', `${name}.kubeconfig`);
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}
