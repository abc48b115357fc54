// What `apply|create|delete` print for each object they wrote, as kubectl's and
// Kargo's CLIs do: `stage.kargo.akuity.io/dev created` by default, the bare
// `stage.kargo.akuity.io/dev` with -o name, and each object in full otherwise
// (several YAML documents separated by `---`; a template applied to each object).

import { qualifiedName, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import { printObjects } from './objects.js';
import type { OutputSpec } from './output-spec.js';

export interface WrittenObject {
  type: ResourceType;
  object: KubeObject;
}

export async function formatOperation(written: WrittenObject[], operation: string, spec: OutputSpec, headers = true): Promise<string> {
  if (spec.kind === 'table') return written.map(({ type, object }) => `${qualifiedName(type)}/${object.metadata.name ?? ''} ${operation}\n`).join('');
  if (spec.kind === 'custom-columns')
    return written.length === 0
      ? ''
      : await printObjects(
          written.map(({ object }) => object),
          spec,
          { single: false, headers },
        );
  const documents = await Promise.all(written.map(({ type, object }) => printObjects([object], spec, { type, single: true, headers })));
  return spec.kind === 'yaml' ? documents.join('---\n') : documents.join('');
}
