// Just enough of Kubernetes' protobuf encoding to read what kubectl sends as
// protobuf: review requests (`auth can-i`, `auth whoami`) and `create namespace |
// configmap | secret`. Responses are always JSON, which kubectl accepts.

import { ApiError } from './status.js';
import type { JsonObject } from './types.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

type Fields = Map<number, Buffer[]>;

function readVarint(buffer: Buffer, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let position = offset;
  for (;;) {
    const byte = buffer[position];
    if (byte === undefined) throw malformed();
    position += 1;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, position];
    shift += 7;
    if (shift > 63) throw malformed();
  }
}

function malformed(): ApiError {
  return new ApiError(400, 'BadRequest', 'the body of the request could not be decoded as protobuf');
}

/** Length-delimited fields by number (varints and fixed-width fields are skipped). */
function readFields(buffer: Buffer): Fields {
  const fields: Fields = new Map();
  let offset = 0;
  while (offset < buffer.length) {
    const [tag, afterTag] = readVarint(buffer, offset);
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    offset = afterTag;
    if (wireType === 0) offset = readVarint(buffer, offset)[1];
    else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else if (wireType === 2) {
      const [length, afterLength] = readVarint(buffer, offset);
      const value = buffer.subarray(afterLength, afterLength + length);
      if (value.length !== length) throw malformed();
      fields.set(field, [...(fields.get(field) ?? []), value]);
      offset = afterLength + length;
    } else throw malformed();
  }
  return fields;
}

function first(fields: Fields, number: number): Buffer | undefined {
  return fields.get(number)?.[0];
}

function strings(fields: Fields, names: Record<number, string>): JsonObject {
  const result: JsonObject = {};
  for (const [number, name] of Object.entries(names)) {
    const value = first(fields, Number(number));
    if (value !== undefined && value.length > 0) result[name] = value.toString('utf8');
  }
  return result;
}

function stringMap(entries: Buffer[] | undefined, encoding: 'utf8' | 'base64'): JsonObject | undefined {
  if (!entries || entries.length === 0) return undefined;
  const map: JsonObject = {};
  for (const entry of entries) {
    const fields = readFields(entry);
    map[first(fields, 1)?.toString('utf8') ?? ''] = (first(fields, 2) ?? Buffer.alloc(0)).toString(encoding);
  }
  return map;
}

function objectMeta(buffer: Buffer | undefined): JsonObject {
  const fields = readFields(buffer ?? Buffer.alloc(0));
  const metadata = strings(fields, { 1: 'name', 2: 'generateName', 3: 'namespace' });
  const labels = stringMap(fields.get(11), 'utf8');
  const annotations = stringMap(fields.get(12), 'utf8');
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  return metadata;
}

/** Decodes the protobuf objects kubectl sends (reviews, Namespace, ConfigMap, Secret) into their JSON form. */
export function decodeProtobufObject(body: Buffer): JsonObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw malformed();
  const envelope = readFields(body.subarray(4));
  const typeMeta = readFields(first(envelope, 1) ?? Buffer.alloc(0));
  const kind = first(typeMeta, 2)?.toString('utf8') ?? '';
  const apiVersion = first(typeMeta, 1)?.toString('utf8') ?? '';
  const object = readFields(first(envelope, 2) ?? Buffer.alloc(0));
  const spec = readFields(first(object, 2) ?? Buffer.alloc(0));
  const result: JsonObject = { apiVersion, kind, spec: {} };
  if (kind === 'SelfSubjectAccessReview') {
    const resource = first(spec, 1);
    const nonResource = first(spec, 2);
    const decoded: JsonObject = {};
    if (resource)
      decoded.resourceAttributes = strings(readFields(resource), {
        1: 'namespace',
        2: 'verb',
        3: 'group',
        4: 'version',
        5: 'resource',
        6: 'subresource',
        7: 'name',
      });
    if (nonResource) decoded.nonResourceAttributes = strings(readFields(nonResource), { 1: 'path', 2: 'verb' });
    result.spec = decoded;
  } else if (kind === 'SelfSubjectRulesReview') {
    result.spec = strings(spec, { 1: 'namespace' });
  } else if (kind === 'Namespace' || kind === 'ConfigMap' || kind === 'Secret') {
    delete result.spec;
    result.metadata = objectMeta(first(object, 1));
    if (kind === 'ConfigMap') {
      const data = stringMap(object.get(2), 'utf8');
      if (data) result.data = data;
    }
    if (kind === 'Secret') {
      const data = stringMap(object.get(2), 'base64');
      if (data) result.data = data;
      const type = first(object, 3);
      if (type) result.type = type.toString('utf8');
    }
  } else if (kind !== 'SelfSubjectReview') {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unsupported format: ${PROTOBUF_MEDIA_TYPE} is not accepted for ${kind}`);
  }
  return result;
}
