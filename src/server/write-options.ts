// Query options of writes (dryRun, fieldValidation), rejected with the wording
// kube-apiserver uses for an invalid CreateOptions / UpdateOptions / PatchOptions / DeleteOptions.

import { ApiError } from './status.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
}

const OPTIONS_KIND: Record<string, string> = {
  create: 'CreateOptions',
  update: 'UpdateOptions',
  patch: 'PatchOptions',
  delete: 'DeleteOptions',
  deletecollection: 'DeleteOptions',
};

function unsupported(verb: string, field: string, shown: string, supported: string): ApiError {
  const kind = OPTIONS_KIND[verb] ?? 'CreateOptions';
  const message = `Unsupported value: ${shown}: supported values: ${supported}`;
  return new ApiError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: ${field}: ${message}`, {
    group: 'meta.k8s.io',
    kind,
    causes: [{ reason: 'FieldValueNotSupported', message, field }],
  });
}

export function parseWriteOptions(query: URLSearchParams, verb: string): WriteOptions {
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((value) => value !== 'All')) throw unsupported(verb, 'dryRun', JSON.stringify(dryRun), '"All"');
  const validation = query.get('fieldValidation') ?? '';
  if (!['', 'Ignore', 'Strict', 'Warn'].includes(validation)) {
    throw unsupported(verb, 'fieldValidation', JSON.stringify(validation), '"", "Ignore", "Strict", "Warn"');
  }
  return { dryRun: dryRun.length > 0, fieldValidation: validation === '' ? 'Warn' : (validation as FieldValidation) };
}
