// The change `--set KEY=VALUE` / `--unset KEY` / `--description` make to the
// data of generic credentials and ConfigMaps (Kargo's PATCH semantics: removed
// keys first, then the set ones, and never an empty object).

import { DESCRIPTION_ANNOTATION } from '../../model/annotations.js';
import type { ObjectMeta } from '../../model/kargo.js';
import { fail } from '../../runtime/failure.js';

export interface KeyValueChange {
  set: Record<string, string>;
  unset: string[];
  /** Only a non-empty description changes it (the real CLI cannot clear one either). */
  description?: string;
}

export function changedData(
  data: Record<string, string> | undefined,
  change: KeyValueChange,
  encode: (value: string) => string,
  noun: string,
): Record<string, string> {
  const next = { ...data };
  for (const key of change.unset) delete next[key];
  for (const [key, value] of Object.entries(change.set)) next[key] = encode(value);
  if (Object.keys(next).length === 0) fail('usage', `${noun} cannot be left without keys`, 'Keep at least one key, or delete them instead.');
  return next;
}

export function describedMetadata(metadata: ObjectMeta, description: string | undefined): ObjectMeta {
  if (!description) return metadata;
  return { ...metadata, annotations: { ...metadata.annotations, [DESCRIPTION_ANNOTATION]: description } };
}

export function newMetadata(name: string, namespace: string, description: string | undefined, labels?: Record<string, string>): ObjectMeta {
  return {
    name,
    namespace,
    ...(labels ? { labels } : {}),
    ...(description ? { annotations: { [DESCRIPTION_ANNOTATION]: description } } : {}),
  };
}
