// Loads the my-web-app pipeline from examples/ (objects, then their status as
// Kargo's controller would have written it) into a cluster through the admin client.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeClient } from '../../../src/kube/client.js';
import { resources, type ResourceType } from '../../../src/kube/resources.js';
import type { KubeObject } from '../../../src/model/kargo.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
export const PROJECT = 'my-web-app';

const TYPES: ResourceType[] = Object.values(resources);

export function readExampleObjects(dir: string = EXAMPLES_DIR): KubeObject[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((document) => document.toJS() as KubeObject | null))
    .filter((object): object is KubeObject => !!object && typeof object === 'object' && 'kind' in object);
}

export function readExampleStatuses(): KubeObject[] {
  return readExampleObjects(join(EXAMPLES_DIR, 'status'));
}

export function typeOf(object: KubeObject): ResourceType {
  const type = TYPES.find((candidate) => candidate.kind === object.kind);
  if (!type) throw new Error(`no resource type for kind ${object.kind}`);
  return type;
}

/** The example objects with their status fixtures merged in, as a reader of the cluster would see them. */
export function exampleObjectsWithStatus(): KubeObject[] {
  const statuses = readExampleStatuses();
  return readExampleObjects().map((object) => {
    const status = statuses.find((candidate) => candidate.kind === object.kind && candidate.metadata.name === object.metadata.name);
    return status ? { ...object, status: (status as KubeObject & { status?: unknown }).status } : object;
  });
}

export async function applyExamples(admin: KubeClient): Promise<void> {
  for (const object of readExampleObjects()) {
    const type = typeOf(object);
    await admin.create(type, object, type.namespaced ? object.metadata.namespace : undefined);
  }
  for (const status of readExampleStatuses()) {
    const type = typeOf(status);
    await admin.patch(type, status.metadata.name ?? '', { status: (status as KubeObject & { status?: unknown }).status }, status.metadata.namespace, {
      subresource: 'status',
    });
  }
}
