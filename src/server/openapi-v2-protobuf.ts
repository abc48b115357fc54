// The OpenAPI v2 document in the protobuf form kubectl asks for
// (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`): gnostic's
// openapi.v2.Document, with only the parts kubectl's validation reads
// (definitions: type, format, required, properties, items,
// additionalProperties and the x-kubernetes-group-version-kind extension).

import { isJsonObject, type JsonObject } from './types.js';

/** What kube-apiserver answers with ('@' is not allowed in a Content-Type, so it becomes '.'). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/** Whether an Accept header asks for the protobuf form. */
export function wantsOpenApiProtobuf(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.trim().startsWith('application/com.github.proto-openapi.spec.v2'));
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function bytesField(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint(field * 8 + 2), varint(value.length), value]);
}

function stringField(field: number, value: string): Buffer {
  return bytesField(field, Buffer.from(value, 'utf8'));
}

function boolField(field: number, value: boolean): Buffer {
  return Buffer.concat([varint(field * 8), varint(value ? 1 : 0)]);
}

// Field numbers from gnostic's openapiv2/OpenAPIv2.proto.
const SCHEMA = { ref: 1, format: 2, required: 19, additionalProperties: 21, type: 22, items: 23, properties: 25, vendorExtension: 31 } as const;

function namedAny(name: string, value: unknown): Buffer {
  // Any { yaml = 2 }; JSON is YAML.
  return Buffer.concat([stringField(1, name), bytesField(2, stringField(2, JSON.stringify(value)))]);
}

function encodeSchema(schema: JsonObject): Buffer {
  const parts: Buffer[] = [];
  if (typeof schema.$ref === 'string') parts.push(stringField(SCHEMA.ref, schema.$ref));
  if (typeof schema.format === 'string') parts.push(stringField(SCHEMA.format, schema.format));
  if (Array.isArray(schema.required)) for (const name of schema.required) if (typeof name === 'string') parts.push(stringField(SCHEMA.required, name));
  if (typeof schema.additionalProperties === 'boolean') parts.push(bytesField(SCHEMA.additionalProperties, boolField(2, schema.additionalProperties)));
  if (isJsonObject(schema.additionalProperties)) parts.push(bytesField(SCHEMA.additionalProperties, bytesField(1, encodeSchema(schema.additionalProperties))));
  if (typeof schema.type === 'string') parts.push(bytesField(SCHEMA.type, stringField(1, schema.type)));
  if (isJsonObject(schema.items)) parts.push(bytesField(SCHEMA.items, bytesField(1, encodeSchema(schema.items))));
  if (isJsonObject(schema.properties)) parts.push(bytesField(SCHEMA.properties, namedSchemas(schema.properties)));
  for (const [name, value] of Object.entries(schema)) if (name.startsWith('x-')) parts.push(bytesField(SCHEMA.vendorExtension, namedAny(name, value)));
  return Buffer.concat(parts);
}

/** `repeated NamedSchema additional_properties = 1` (Properties and Definitions alike). */
function namedSchemas(schemas: JsonObject): Buffer {
  const parts: Buffer[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isJsonObject(schema)) continue;
    parts.push(bytesField(1, Buffer.concat([stringField(1, name), bytesField(2, encodeSchema(schema))])));
  }
  return Buffer.concat(parts);
}

/** Encodes a v2 document (swagger, info, definitions) as openapi.v2.Document. */
export function encodeOpenApiV2(document: JsonObject): Buffer {
  const info = isJsonObject(document.info) ? document.info : {};
  const parts = [stringField(1, String(document.swagger ?? '2.0'))];
  parts.push(bytesField(2, Buffer.concat([stringField(1, String(info.title ?? '')), stringField(2, String(info.version ?? ''))])));
  parts.push(bytesField(8, Buffer.alloc(0)));
  if (isJsonObject(document.definitions)) parts.push(bytesField(9, namedSchemas(document.definitions)));
  return Buffer.concat(parts);
}
