// What `apply|create|delete` print for each object they wrote, as kubectl's and
// Kargo's CLIs do: `stage.kargo.akuity.io/dev created` by default, the bare
// `stage.kargo.akuity.io/dev` with -o name, and each object in full otherwise
// (several YAML documents separated by `---`).

import { qualifiedName, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import type { OutputFormat } from './formats.js';
import { formatObjects } from './objects.js';

export interface WrittenObject {
  type: ResourceType;
  object: KubeObject;
}

export function formatOperation(written: WrittenObject[], operation: string, format: OutputFormat | undefined): string {
  if (format !== 'json' && format !== 'yaml' && format !== 'name') {
    return written.map(({ type, object }) => `${qualifiedName(type)}/${object.metadata.name ?? ''} ${operation}\n`).join('');
  }
  const documents = written.map(({ type, object }) => formatObjects([object], format, type, true));
  return format === 'yaml' ? documents.join('---\n') : documents.join('');
}
