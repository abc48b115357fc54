// Writing rendered manifests to a directory, one file per resource, named as
// Kargo's kustomize-build names them: `kargo` → `[namespace-]kind-name.yaml`,
// `kustomize` → `[namespace_]group_version_kind_name.yaml` (as
// `kustomize build -o dir/`).

import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

export type OutputFormat = 'kargo' | 'kustomize';

interface Resource {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

export function parseManifests(text: string): Record<string, unknown>[] {
  const resources: Record<string, unknown>[] = [];
  for (const doc of parseAllDocuments(text)) {
    const firstError = doc.errors[0];
    if (firstError) throw new Error(`could not parse rendered manifests: ${firstError.message}`);
    const value: unknown = doc.toJSON();
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) resources.push(value as Record<string, unknown>);
  }
  return resources;
}

export async function writeManifestFiles(dir: string, manifests: string, format: OutputFormat): Promise<void> {
  const resources = parseManifests(manifests);
  const namespaces = new Set(resources.map((resource) => (resource as Resource).metadata?.namespace).filter(Boolean));
  await mkdir(dir, { recursive: true });
  for (const resource of resources) {
    const name = fileName(resource as Resource, format, namespaces.size > 1);
    checkFileName(name);
    await writeFile(join(dir, name), stringify(resource, { sortMapEntries: true }));
  }
}

function fileName(resource: Resource, format: OutputFormat, multipleNamespaces: boolean): string {
  const kind = resource.kind ?? '';
  const name = resource.metadata?.name ?? '';
  const namespace = resource.metadata?.namespace ?? '';
  if (format === 'kargo') {
    return (namespace ? `${namespace}-${kind}-${name}.yaml` : `${kind}-${name}.yaml`).toLowerCase();
  }
  const [group, version] = (resource.apiVersion ?? '').includes('/') ? (resource.apiVersion ?? '').split('/', 2) : ['', resource.apiVersion ?? ''];
  const gvk = [group, version, kind].filter((part) => part).join('_');
  const base = `${gvk}_${name}.yaml`.toLowerCase();
  return multipleNamespaces && namespace ? `${namespace.toLowerCase()}_${base}` : base;
}

function checkFileName(name: string): void {
  if (name === '' || name === '.' || name === '..' || isAbsolute(name) || /[/\\]/.test(name) || normalize(name) !== name) {
    throw new Error(`unsafe generated resource filename ${JSON.stringify(name)}`);
  }
}
