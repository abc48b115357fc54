// The documents of `apply|create|delete -f` as objects of types kargo knows, each
// with its namespace settled, in the order Kargo's resource API writes them:
// Projects (and Namespaces) first when writing, last when deleting. Every problem
// is reported at once, before any request.

import { apiVersionOf, resources, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import type { ManifestDocument } from '../rules/manifest-documents.js';
import { Failure } from '../runtime/failure.js';

export interface ManifestObject {
  where: string;
  type: ResourceType;
  name: string;
  namespace?: string;
  object: KubeObject;
}

export interface PlanOptions {
  /** -p: the namespace of namespaced objects that name none. */
  project?: string;
  order: 'write' | 'delete';
}

const KNOWN: readonly ResourceType[] = Object.values(resources);

export function planManifests(documents: ManifestDocument[], options: PlanOptions): ManifestObject[] {
  const problems: string[] = [];
  const planned: ManifestObject[] = [];
  const seen = new Map<string, string>();
  for (const document of documents) {
    const type = KNOWN.find((known) => known.kind === document.kind && apiVersionOf(known) === document.apiVersion);
    if (!type) {
      problems.push(
        `${document.where}: kind ${document.kind} (${document.apiVersion}) is not one kargo manages (${KNOWN.map((known) => known.kind).join(', ')})`,
      );
      continue;
    }
    const namespace = type.namespaced ? namespaceOf(document, options.project, problems) : undefined;
    if (type.namespaced && !namespace) continue;
    const key = `${type.kind}/${namespace ?? ''}/${document.name}`;
    const first = seen.get(key);
    if (first) {
      problems.push(`${document.where}: ${type.kind} "${document.name}" appears twice (also in ${first})`);
      continue;
    }
    seen.set(key, document.where);
    planned.push({ where: document.where, type, name: document.name, ...(namespace ? { namespace } : {}), object: objectOf(document, namespace) });
  }
  if (problems.length > 0) throw manifestProblems(problems);
  if (planned.length === 0)
    throw new Failure(
      'usage',
      'no objects found in the given files',
      'Pass YAML or JSON manifests with -f (a directory takes its .yaml, .yml and .json files; add -R for subdirectories).',
    );
  return orderFor(planned, options.order);
}

function namespaceOf(document: ManifestDocument, project: string | undefined, problems: string[]): string | undefined {
  if (document.namespace && project && document.namespace !== project) {
    problems.push(`${document.where}: ${document.kind} "${document.name}" is in namespace "${document.namespace}", not in project "${project}" given with -p`);
    return undefined;
  }
  const namespace = document.namespace ?? project;
  if (!namespace)
    problems.push(`${document.where}: ${document.kind} "${document.name}" has no metadata.namespace (set it to the Project's name, or pass -p PROJECT)`);
  return namespace;
}

/** A copy of the document with its namespace settled (cluster-scoped objects carry none, as kubectl sends them). */
function objectOf(document: ManifestDocument, namespace: string | undefined): KubeObject {
  const object = structuredClone(document.object) as unknown as KubeObject;
  const { namespace: _ignored, ...metadata } = object.metadata ?? {};
  object.metadata = { ...metadata, ...(namespace ? { namespace } : {}) };
  return object;
}

const FIRST_KINDS = ['Namespace', 'Project'];

function orderFor(objects: ManifestObject[], order: PlanOptions['order']): ManifestObject[] {
  const rank = (object: ManifestObject): number => {
    const index = FIRST_KINDS.indexOf(object.type.kind);
    if (index < 0) return order === 'write' ? FIRST_KINDS.length : -1;
    return order === 'write' ? index : FIRST_KINDS.length - index;
  };
  // Array.prototype.sort is stable: the documents' own order holds within a rank.
  return [...objects].sort((a, b) => rank(a) - rank(b));
}

export function manifestProblems(problems: string[]): Failure {
  if (problems.length === 1) return new Failure('usage', `${problems[0]}; nothing was changed`);
  return new Failure('usage', `${problems.length} problems in the manifests; nothing was changed:`, problems.map((problem) => `  ${problem}`).join('\n'));
}
