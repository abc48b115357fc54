// CustomResourceDefinitions as they are written: checked and given an
// Established status, then served (or no longer served) by the registry; deleting
// one deletes its objects.

import type { ServerCore } from './context.js';
import { establishedStatus, resourcesOfCrd, validateCrd } from './crd.js';
import { timestamp, type WriteContext } from './objects.js';
import { storageKey, type ServedResource } from './registry.js';
import { invalid } from './status.js';
import { isJsonObject, type StoredObject } from './types.js';

export const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';

function namesOf(crd: StoredObject): { group: string; plural: string } {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  return { group: String(spec.group ?? ''), plural: String(names.plural ?? '') };
}

export function isCrdResource(resource: ServedResource): boolean {
  return resource.group === 'apiextensions.k8s.io' && resource.plural === 'customresourcedefinitions';
}

export class CrdServing {
  constructor(private readonly core: ServerCore) {}

  /** Validates a CRD about to be stored and sets its status. */
  admit(crd: StoredObject, context: WriteContext): StoredObject {
    const causes = validateCrd(crd);
    if (causes.length > 0) throw invalid({ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }, crd.metadata.name, causes);
    for (const served of resourcesOfCrd(crd)) {
      const clash = this.core.registry.find(served.group, served.version, served.plural);
      if (clash && clash.namespaced !== served.namespaced) {
        context.warnings.push(`${served.plural}.${served.group} changes scope; objects stored under the old scope stay as they are`);
      }
    }
    return { ...crd, status: establishedStatus(crd, timestamp(context.now)) };
  }

  /** Serves the kinds of a stored CRD, replacing what it served before. */
  serve(crd: StoredObject): void {
    this.unserve(crd);
    for (const resource of resourcesOfCrd(crd)) this.core.registry.add(resource);
  }

  /** Serves every CRD in the store (at start-up, after reloading persisted state). */
  serveStored(): void {
    for (const crd of this.core.store.list(CRD_KEY)) this.serve(crd);
  }

  /** Stops serving a deleted CRD's kinds and deletes their objects. */
  removed(crd: StoredObject): void {
    this.unserve(crd);
    const key = storageKey(namesOf(crd));
    for (const object of this.core.store.list(key)) this.core.store.delete(key, object);
  }

  private unserve(crd: StoredObject): void {
    const { group, plural } = namesOf(crd);
    for (const resource of this.core.registry.all()) {
      if (resource.group === group && resource.plural === plural && resource.fromCrd) this.core.registry.remove(group, resource.version, plural);
    }
  }
}
