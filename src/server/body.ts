// Request body decoding: JSON for ordinary writes, YAML for server-side apply.

import { parse as parseYaml } from 'yaml';
import { PROTOBUF_MEDIA_TYPE, decodeProtobufObject } from './protobuf.js';
import { badRequest } from './status.js';
import { isJsonObject, type JsonObject } from './types.js';

export function decodeJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('the request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`the body of the request could not be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function decodeObject(body: Buffer, yaml = false): JsonObject {
  let value: unknown;
  if (yaml && /^\s*[{[]/.test(body.toString('utf8', 0, Math.min(body.length, 64)))) {
    // JSON is YAML too, and JSON.parse is two orders of magnitude faster on large CRDs.
    value = decodeJson(body);
  } else if (yaml) {
    try {
      value = parseYaml(body.toString('utf8')) as unknown;
    } catch (error) {
      throw badRequest(`error decoding YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    value = decodeJson(body);
  }
  if (!isJsonObject(value)) throw badRequest('the body of the request must be a JSON object');
  return value;
}

/** A write body as JSON object: JSON, or the protobuf kubectl's typed clients send. */
export function decodeRequestObject(body: Buffer, contentType: string | undefined): JsonObject {
  return (contentType ?? '').startsWith(PROTOBUF_MEDIA_TYPE) ? decodeProtobufObject(body) : decodeObject(body);
}
