// helm-template's `flat` layout: one file per rendered resource, named
// `[group-]kind[-namespace]-name.yaml` (dots in the group become underscores),
// or `resource-<i>.yaml` when a document has no kind or name.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export async function writeFlatManifests(dir: string, manifests: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  let index = 0;
  for (const doc of parseAllDocuments(manifests)) {
    const text = doc.toString().trim();
    if (doc.contents === null || text === '') continue;
    const name = flatFileName(doc.toJSON()) ?? `resource-${index}.yaml`;
    if (/[/\\]/.test(name) || name.startsWith('..')) throw new Error(`unsafe generated resource filename ${JSON.stringify(name)}`);
    await writeFile(join(dir, name), `${text}\n`);
    index++;
  }
}

function flatFileName(resource: unknown): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const { apiVersion, kind, metadata } = resource as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const name = metadata?.name;
  if (typeof kind !== 'string' || typeof name !== 'string' || !kind || !name) return undefined;
  const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const namespace = typeof metadata?.namespace === 'string' ? metadata.namespace : '';
  const parts = [group ? `${group.replaceAll('.', '_')}-${kind}` : kind, namespace, name].filter((part) => part);
  return `${parts.join('-').toLowerCase()}.yaml`;
}
