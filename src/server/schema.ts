// Structural-schema handling for custom resources: defaulting and pruning of
// unknown fields (recorded, so fieldValidation=Strict can reject them), then
// validation of the openAPIV3Schema with ajv, errors worded as Kubernetes does.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { StatusCause } from './status.js';
import { deepClone, isJsonObject, type JsonObject } from './types.js';

export interface ObjectSchema {
  openAPIV3Schema: JsonObject;
}

export interface SchemaOutcome {
  object: JsonObject;
  unknownFields: string[];
  causes: StatusCause[];
}

// Go regular expressions in CRD patterns are not always valid in JavaScript's unicode mode.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false, unicodeRegExp: false });
const compiled = new WeakMap<JsonObject, ValidateFunction>();

function validatorFor(schema: JsonObject): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(withoutObjectMeta(schema));
    compiled.set(schema, validate);
  }
  return validate;
}

/** The root `metadata` is ObjectMeta, validated by the server itself, not by the CRD schema. */
function withoutObjectMeta(schema: JsonObject): JsonObject {
  if (!isJsonObject(schema.properties)) return schema;
  const properties = { ...schema.properties };
  delete properties.metadata;
  delete properties.apiVersion;
  delete properties.kind;
  return { ...schema, properties };
}

function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function preservesUnknown(schema: JsonObject): boolean {
  return schema['x-kubernetes-preserve-unknown-fields'] === true;
}

/** Applies defaults and removes fields the schema does not declare; returns the removed paths. */
function pruneAndDefault(value: unknown, schema: JsonObject, path: string, unknown: string[]): unknown {
  if (Array.isArray(value)) {
    const items = isJsonObject(schema.items) ? schema.items : undefined;
    return items ? value.map((item, index) => pruneAndDefault(item, items, `${path}[${index}]`, unknown)) : value;
  }
  if (!isJsonObject(value)) return value;
  if (schema['x-kubernetes-embedded-resource'] === true || (preservesUnknown(schema) && !schema.properties && !schema.additionalProperties)) {
    return value;
  }
  const properties = isJsonObject(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties?.[key];
    if (isJsonObject(childSchema)) result[key] = pruneAndDefault(child, childSchema, childPath(path, key), unknown);
    else if (isJsonObject(additional)) result[key] = pruneAndDefault(child, additional, childPath(path, key), unknown);
    else if (additional === true || preservesUnknown(schema)) result[key] = child;
    else unknown.push(childPath(path, key));
  }
  if (properties) {
    for (const [key, childSchema] of Object.entries(properties)) {
      if (result[key] === undefined && isJsonObject(childSchema) && childSchema.default !== undefined) {
        result[key] = pruneAndDefault(deepClone(childSchema.default), childSchema, childPath(path, key), []);
      }
    }
  }
  return result;
}

function fieldOf(error: ErrorObject): string {
  const base = error.instancePath
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, token) => (/^\d+$/.test(token) ? `${path}[${token}]` : childPath(path, token)), '');
  if (error.keyword === 'required') return childPath(base, String(error.params.missingProperty));
  return base;
}

function valueAt(document: unknown, instancePath: string): unknown {
  let current: unknown = document;
  for (const token of instancePath.split('/').slice(1)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isJsonObject(current)) current = current[token.replace(/~1/g, '/').replace(/~0/g, '~')];
    else return undefined;
  }
  return current;
}

function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return '"null"';
  if (typeof value === 'object') return JSON.stringify(typeof value);
  return String(value);
}

function causeOf(error: ErrorObject, document: unknown): StatusCause | undefined {
  const field = fieldOf(error);
  const value = valueAt(document, error.instancePath);
  const shown = goValue(value);
  switch (error.keyword) {
    case 'required':
      return { reason: 'FieldValueRequired', message: 'Required value', field };
    case 'type': {
      const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
      return {
        reason: 'FieldValueTypeInvalid',
        message: `Invalid value: "${actual}": ${field} in body must be of type ${String(error.params.type)}: "${actual}"`,
        field,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map((item) => JSON.stringify(item)).join(', ');
      return { reason: 'FieldValueNotSupported', message: `Unsupported value: ${shown}: supported values: ${allowed}`, field };
    }
    case 'pattern':
      return { reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${field} in body should match '${String(error.params.pattern)}'`, field };
    case 'maxItems':
      return {
        reason: 'FieldValueTooMany',
        message: `Too many: ${Array.isArray(value) ? value.length : 0}: must have at most ${String(error.params.limit)} items`,
        field,
      };
    case 'minItems':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${Array.isArray(value) ? value.length : 0}: ${field} in body should have at least ${String(error.params.limit)} items`,
        field,
      };
    case 'minLength':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${shown}: ${field} in body should be at least ${String(error.params.limit)} chars long`,
        field,
      };
    case 'maxLength':
      return { reason: 'FieldValueTooLong', message: `Too long: may not be more than ${String(error.params.limit)} bytes`, field };
    case 'minimum':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${shown}: ${field} in body should be greater than or equal to ${String(error.params.limit)}`,
        field,
      };
    case 'maximum':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${shown}: ${field} in body should be less than or equal to ${String(error.params.limit)}`,
        field,
      };
    case 'anyOf':
    case 'oneOf':
    case 'if':
    case 'then':
    case 'else':
      return undefined;
    default:
      return { reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${error.message ?? 'invalid'}`, field };
  }
}

/** Prunes, defaults and validates `object` (its metadata is left to the caller). */
export function applySchema(object: JsonObject, schema: ObjectSchema): SchemaOutcome {
  const root = schema.openAPIV3Schema;
  const unknownFields: string[] = [];
  const { apiVersion, kind, metadata, ...rest } = object;
  const pruned = pruneAndDefault(rest, withoutObjectMeta(root), '', unknownFields);
  const body: JsonObject = { apiVersion, kind, metadata, ...(isJsonObject(pruned) ? pruned : {}) };
  const validate = validatorFor(root);
  const causes: StatusCause[] = [];
  if (!validate(body)) {
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const cause = causeOf(error, body);
      if (!cause) continue;
      const key = `${cause.field ?? ''}|${cause.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      causes.push(cause);
    }
    if (causes.length === 0) causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: the object does not match its schema', field: '' });
  }
  return { object: body, unknownFields, causes };
}
