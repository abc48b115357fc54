// Manifest text → the objects in it, as `kubectl apply -f` and Kargo's resource
// API read them: multi-document YAML or JSON, a top-level JSON array (Kargo's
// splitYAML accepts one), and `kind: List` (or any `…List` with items) flattened.
// Every problem is collected with where it is, so one bad document is reported
// together with the others before anything is written.

import { parseAllDocuments } from 'yaml';
import { nameProblem } from './kubernetes-names.js';

export interface ManifestText {
  /** A file path, a URL, or `stdin`. */
  source: string;
  text: string;
}

export interface ManifestDocument {
  /** `stages.yaml`, `stages.yaml (document 2)`, `list.json (document 1, item 3)`. */
  where: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  object: Record<string, unknown>;
}

export interface ParsedManifests {
  documents: ManifestDocument[];
  problems: string[];
}

export function parseManifests(inputs: ManifestText[]): ParsedManifests {
  const documents: ManifestDocument[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    const json = asJson(input.text);
    if (json.parsed) {
      collect(json.value, input.source, documents, problems);
      continue;
    }
    const all = [...parseAllDocuments(input.text)];
    const several = all.length > 1;
    all.forEach((document, index) => {
      const where = several ? `${input.source} (document ${index + 1})` : input.source;
      const error = document.errors[0];
      if (error) {
        problems.push(`${where}: not valid YAML or JSON: ${error.message.split('\n')[0]}`);
        return;
      }
      collect(document.toJS() as unknown, where, documents, problems);
    });
  }
  return { documents, problems };
}

/** JSON is read as JSON (YAML would refuse some JSON, e.g. tab indentation); anything else goes to the YAML parser. */
function asJson(text: string): { parsed: true; value: unknown } | { parsed: false } {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return { parsed: false };
  try {
    return { parsed: true, value: JSON.parse(text) };
  } catch {
    return { parsed: false };
  }
}

function collect(value: unknown, where: string, documents: ManifestDocument[], problems: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collect(item, `${where}, item ${index + 1}`, documents, problems);
    return;
  }
  if (typeof value !== 'object') {
    problems.push(`${where}: expected an object with apiVersion and kind, found ${typeof value}`);
    return;
  }
  const object = value as Record<string, unknown>;
  if (isList(object)) {
    for (const [index, item] of (object.items as unknown[]).entries()) collect(item, `${where} item ${index + 1}`, documents, problems);
    return;
  }
  const document = documentOf(object, where, problems);
  if (document) documents.push(document);
}

function isList(object: Record<string, unknown>): boolean {
  return typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items);
}

function documentOf(object: Record<string, unknown>, where: string, problems: string[]): ManifestDocument | undefined {
  const { apiVersion, kind } = object;
  const metadata = (typeof object.metadata === 'object' && object.metadata !== null ? object.metadata : {}) as Record<string, unknown>;
  const missing = [
    typeof apiVersion === 'string' && apiVersion ? undefined : 'apiVersion',
    typeof kind === 'string' && kind ? undefined : 'kind',
    typeof metadata.name === 'string' && metadata.name ? undefined : 'metadata.name',
  ].filter((field): field is string => field !== undefined);
  if (missing.length > 0) {
    const generated = typeof metadata.generateName === 'string' ? ' (generateName is not supported: give the object a name)' : '';
    problems.push(`${where}: missing ${missing.join(', ')}${generated}`);
    return undefined;
  }
  const name = metadata.name as string;
  const problem = nameProblem(name, 'object');
  if (problem) {
    problems.push(`${where}: ${kind} name "${name}" ${problem}`);
    return undefined;
  }
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : undefined;
  return { where, apiVersion: apiVersion as string, kind: kind as string, name, ...(namespace ? { namespace } : {}), object };
}
