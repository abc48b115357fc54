// The OpenAPI v2 document kubectl reads for client-side validation (it asks for
// it as protobuf when a file holds a `kind: List`). Schemas are converted from
// the CRDs' v3 form the way kube-apiserver publishes v2: what v2 cannot express
// (nullable, int-or-string, anyOf/oneOf/allOf/not) becomes untyped, and a
// subtree that keeps unknown fields loses its properties, so kubectl never
// rejects client-side what the server would accept.

import type { ServedResource } from './registry.js';
import { isJsonObject, type JsonObject } from './types.js';

const KEPT = ['type', 'format'] as const;

/** Required fields the server would not refuse when missing: those it defaults, and nullable ones. */
function requiredWithoutDefault(schema: JsonObject): string[] {
  if (!Array.isArray(schema.required)) return [];
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  return schema.required.filter((name): name is string => {
    const property = typeof name === 'string' ? properties[name] : undefined;
    return typeof name === 'string' && !(isJsonObject(property) && (property.default !== undefined || property.nullable === true));
  });
}

function toV2(schema: JsonObject): JsonObject {
  if (schema.nullable === true || schema['x-kubernetes-int-or-string'] === true) return {};
  const converted: JsonObject = {};
  for (const key of KEPT) if (schema[key] !== undefined) converted[key] = schema[key];
  const required = requiredWithoutDefault(schema);
  if (required.length > 0) converted.required = required;
  if (schema['x-kubernetes-preserve-unknown-fields'] !== true && isJsonObject(schema.properties)) {
    const properties: JsonObject = {};
    for (const [name, property] of Object.entries(schema.properties)) properties[name] = isJsonObject(property) ? toV2(property) : {};
    if (Object.keys(properties).length > 0) converted.properties = properties;
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] !== true && isJsonObject(schema.items)) converted.items = toV2(schema.items);
  // kubectl cannot read an array without an item schema.
  else if (converted.type === 'array') delete converted.type;
  if (isJsonObject(schema.additionalProperties)) converted.additionalProperties = toV2(schema.additionalProperties);
  else if (typeof schema.additionalProperties === 'boolean') converted.additionalProperties = schema.additionalProperties;
  return converted;
}

/** The v2 definition of a served kind: its converted schema, or any object when it has none. */
export function v2Definition(resource: ServedResource): JsonObject {
  const gvk = [{ group: resource.group, kind: resource.kind, version: resource.version }];
  if (!resource.schema) return { type: 'object', 'x-kubernetes-group-version-kind': gvk };
  const converted = toV2(resource.schema.openAPIV3Schema);
  if (isJsonObject(converted.properties)) {
    converted.properties = { ...converted.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
  }
  return { ...converted, 'x-kubernetes-group-version-kind': gvk };
}
