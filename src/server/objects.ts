// Object lifecycle rules shared by create, update and patch: type and metadata
// checks, system-set fields, status-subresource separation, generation, schema.

import { randomBytes, randomUUID } from 'node:crypto';
import type { ServedResource } from './registry.js';
import { applySchema } from './schema.js';
import { ApiError, badRequest, invalid, type StatusCause } from './status.js';
import { canonicalJson, deepClone, isJsonObject, type JsonObject, type ObjectMetadata, type StoredObject } from './types.js';

import type { FieldValidation } from './write-options.js';

export interface WriteContext {
  fieldValidation: FieldValidation;
  /** Warnings to return in `Warning` headers. */
  warnings: string[];
  now: Date;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);
const GENERATED_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function apiVersionOf(resource: Pick<ServedResource, 'group' | 'version'>): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

export function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Checks apiVersion/kind in a request body against the resource it was sent to. */
export function checkTypeMeta(resource: ServedResource, body: JsonObject): void {
  const expected = apiVersionOf(resource);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (body.kind !== undefined && body.kind !== resource.kind) {
    if (resource.group !== '' && resource.group !== 'rbac.authorization.k8s.io' && resource.group !== 'apiextensions.k8s.io') {
      // Custom resources: kube-apiserver reports a wrong kind as an invalid field of an object of that kind.
      const metadata = isJsonObject(body.metadata) ? body.metadata : {};
      const cause = { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(body.kind)}: must be ${resource.kind}`, field: 'kind' };
      throw invalid({ group: resource.group, kind: String(body.kind) }, typeof metadata.name === 'string' ? metadata.name : '', [cause]);
    }
    throw badRequest(
      `${String(body.kind)} in version "${resource.version}" cannot be handled as a ${resource.kind}: the kind in the data does not match the endpoint`,
    );
  }
  if (body.metadata !== undefined && !isJsonObject(body.metadata)) {
    throw badRequest(`${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: metadata must be an object`);
  }
}

function stringMap(value: unknown, field: string, causes: StatusCause[]): void {
  if (value === undefined || value === null) return;
  if (!isJsonObject(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: must be a map of strings`, field });
  }
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function labelCauses(labels: JsonObject): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const slash = key.lastIndexOf('/');
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    if (!QUALIFIED_NAME.test(name) || name.length > 63 || (prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253))) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
        field: 'metadata.labels',
      });
    }
    if (typeof value === 'string' && (value.length > 63 || !LABEL_VALUE.test(value))) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(value)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        field: 'metadata.labels',
      });
    }
  }
  return causes;
}

function metadataCauses(resource: ServedResource, metadata: JsonObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else {
    const label = resource.group === '' && resource.plural === 'namespaces';
    const pattern = label ? DNS_LABEL : DNS_SUBDOMAIN;
    const limit = label ? 63 : 253;
    if (!pattern.test(name) || name.length > limit) {
      const what = label
        ? `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
        : `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${what}`, field: 'metadata.name' });
    }
  }
  stringMap(metadata.labels, 'metadata.labels', causes);
  if (isJsonObject(metadata.labels)) causes.push(...labelCauses(metadata.labels));
  stringMap(metadata.annotations, 'metadata.annotations', causes);
  if (
    metadata.finalizers !== undefined &&
    metadata.finalizers !== null &&
    (!Array.isArray(metadata.finalizers) || metadata.finalizers.some((item) => typeof item !== 'string'))
  ) {
    causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: must be a list of strings', field: 'metadata.finalizers' });
  }
  return causes;
}

function generatedName(prefix: string): string {
  const bytes = randomBytes(5);
  let suffix = '';
  for (const byte of bytes) suffix += GENERATED_NAME_ALPHABET[byte % GENERATED_NAME_ALPHABET.length];
  return `${prefix}${suffix}`;
}

/** Prunes, defaults and validates against the schema; applies fieldValidation to unknown fields. */
function admitShape(resource: ServedResource, object: StoredObject, context: WriteContext): StoredObject {
  const unknownMetadata = Object.keys(object.metadata).filter((field) => !OBJECT_META_FIELDS.has(field));
  for (const field of unknownMetadata) delete object.metadata[field];
  let result = object;
  let unknownFields = unknownMetadata.map((field) => `metadata.${field}`);
  let causes: StatusCause[] = [];
  if (resource.schema) {
    const outcome = applySchema(object, resource.schema);
    result = outcome.object as StoredObject;
    unknownFields = [...unknownFields, ...outcome.unknownFields];
    causes = outcome.causes;
  }
  if (unknownFields.length > 0 && context.fieldValidation === 'Strict') {
    throw badRequest(`strict decoding error: ${unknownFields.map((field) => `unknown field "${field}"`).join(', ')}`);
  }
  if (context.fieldValidation === 'Warn') for (const field of unknownFields) context.warnings.push(`unknown field "${field}"`);
  if (causes.length > 0) throw invalid(resource, object.metadata.name, causes);
  return result;
}

function secretData(resource: ServedResource, object: StoredObject): void {
  if (resource.group !== '' || resource.plural !== 'secrets' || !isJsonObject(object.stringData)) return;
  const data = isJsonObject(object.data) ? object.data : {};
  for (const [key, value] of Object.entries(object.stringData)) data[key] = Buffer.from(String(value)).toString('base64');
  object.data = data;
  delete object.stringData;
}

function defaultsOf(resource: ServedResource, object: StoredObject): void {
  if (resource.group === '' && resource.plural === 'namespaces') {
    object.spec = isJsonObject(object.spec) ? object.spec : { finalizers: ['kubernetes'] };
    const status = isJsonObject(object.status) ? object.status : {};
    object.status = { ...status, phase: object.metadata.deletionTimestamp ? 'Terminating' : 'Active' };
    const labels = object.metadata.labels ?? {};
    object.metadata.labels = { ...labels, 'kubernetes.io/metadata.name': object.metadata.name };
  }
  if (resource.group === '' && resource.plural === 'secrets' && object.type === undefined) object.type = 'Opaque';
}

/** Builds the object a create stores (not yet persisted). */
export function admitCreate(resource: ServedResource, body: JsonObject, namespace: string | undefined, context: WriteContext): StoredObject {
  checkTypeMeta(resource, body);
  const metadata: JsonObject = isJsonObject(body.metadata) ? { ...body.metadata } : {};
  if (resource.namespaced) {
    if (metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    metadata.namespace = namespace;
  } else {
    delete metadata.namespace;
  }
  if ((metadata.name === undefined || metadata.name === '') && typeof metadata.generateName === 'string' && metadata.generateName !== '') {
    metadata.name = generatedName(metadata.generateName);
  }
  const causes = metadataCauses(resource, metadata);
  if (causes.length > 0) throw invalid(resource, typeof metadata.name === 'string' ? metadata.name : '', causes);
  if (metadata.resourceVersion !== undefined && metadata.resourceVersion !== '') {
    throw new ApiError(500, '', 'resourceVersion should not be set on objects to be created');
  }
  for (const field of ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']) delete metadata[field];
  const object = { ...body, apiVersion: apiVersionOf(resource), kind: resource.kind } as StoredObject;
  object.metadata = {
    ...metadata,
    uid: randomUUID(),
    resourceVersion: '',
    generation: 1,
    creationTimestamp: timestamp(context.now),
  } as ObjectMetadata;
  // With a status subresource, status is written only through /status (native namespaces excepted: the server sets their phase).
  if (resource.hasStatus && resource.group !== '') delete object.status;
  secretData(resource, object);
  defaultsOf(resource, object);
  return admitShape(resource, object, context);
}

function withoutVolatile(object: StoredObject, dropStatus: boolean): JsonObject {
  const { metadata: _metadata, status, ...rest } = object;
  return dropStatus ? rest : { ...rest, status };
}

function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export interface UpdateRequest {
  subresource?: string;
  /** Require metadata.resourceVersion in the body (custom resources do). */
  requireResourceVersion: boolean;
}

/**
 * Builds the object an update stores from the stored one and the incoming body,
 * or returns undefined when nothing would change (no write, no new resourceVersion).
 */
export function admitUpdate(
  resource: ServedResource,
  existing: StoredObject,
  body: JsonObject,
  request: UpdateRequest,
  context: WriteContext,
  conflict: () => ApiError,
): StoredObject | undefined {
  checkTypeMeta(resource, body);
  const incomingMeta: JsonObject = isJsonObject(body.metadata) ? body.metadata : {};
  const requestedVersion = incomingMeta.resourceVersion;
  if (requestedVersion !== undefined && requestedVersion !== '' && requestedVersion !== existing.metadata.resourceVersion) throw conflict();
  if ((requestedVersion === undefined || requestedVersion === '') && request.requireResourceVersion) {
    throw invalid(resource, existing.metadata.name, [
      { reason: 'FieldValueInvalid', message: 'Invalid value: 0: must be specified for an update', field: 'metadata.resourceVersion' },
    ]);
  }
  if (incomingMeta.name !== undefined && incomingMeta.name !== existing.metadata.name) {
    throw badRequest(`the name of the object (${String(incomingMeta.name)}) does not match the name on the URL (${existing.metadata.name})`);
  }

  let next: StoredObject;
  if (request.subresource === 'status') {
    next = deepClone(existing);
    if (body.status === undefined) delete next.status;
    else next.status = deepClone(body.status);
  } else {
    next = { ...deepClone(body), apiVersion: apiVersionOf(resource), kind: resource.kind } as StoredObject;
    const metadata: JsonObject = { ...incomingMeta };
    for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'namespace', 'name']) {
      const kept = existing.metadata[field];
      if (kept === undefined) delete metadata[field];
      else metadata[field] = kept;
    }
    const causes = metadataCauses(resource, metadata);
    if (causes.length > 0) throw invalid(resource, existing.metadata.name, causes);
    // Omitted managedFields keep what the server recorded; an explicit list replaces it.
    if (metadata.managedFields === undefined && existing.metadata.managedFields !== undefined) metadata.managedFields = existing.metadata.managedFields;
    next.metadata = metadata as ObjectMetadata;
    if (resource.hasStatus) {
      if (existing.status === undefined) delete next.status;
      else next.status = deepClone(existing.status);
    }
    secretData(resource, next);
    if (existing.metadata.deletionTimestamp) {
      const added = (next.metadata.finalizers ?? []).filter((finalizer) => !(existing.metadata.finalizers ?? []).includes(finalizer));
      if (added.length > 0) {
        throw invalid(resource, existing.metadata.name, [
          { reason: 'FieldValueForbidden', message: 'Forbidden: no new finalizers can be added if the object is being deleted', field: 'metadata.finalizers' },
        ]);
      }
    }
  }
  next.metadata.resourceVersion = existing.metadata.resourceVersion;
  defaultsOf(resource, next);
  const admitted = admitShape(resource, next, context);
  const specChanged = !sameContent(withoutVolatile(admitted, resource.hasStatus), withoutVolatile(existing, resource.hasStatus));
  admitted.metadata.generation = existing.metadata.generation + (specChanged ? 1 : 0);
  if (sameContent(admitted, existing)) return undefined;
  return admitted;
}
