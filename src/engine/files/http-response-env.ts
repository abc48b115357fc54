// The `response` an http step's expressions see, built as Kargo builds it:
// status, header(name) (first value, any case), headers (canonical names →
// all values) and body, parsed by content type (JSON by default; an unknown
// type that is not valid JSON leaves the body `{}`).

import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { errorMessage } from './fs-errors.js';

const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

export function responseEnv(response: IncomingMessage, body: Buffer, contentTypeOverride?: string): Record<string, unknown> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < response.rawHeaders.length; i += 2) {
    (headers[canonicalHeaderName(response.rawHeaders[i] as string)] ??= []).push(response.rawHeaders[i + 1] as string);
  }
  const header = (name: unknown): string => headers[canonicalHeaderName(String(name))]?.[0] ?? '';
  const contentType = contentTypeOverride || mediaType(header('Content-Type'));
  return {
    response: {
      status: response.statusCode ?? 0,
      header,
      headers,
      body: body.length === 0 ? {} : parseBody(body.toString('utf8'), contentType),
    },
  };
}

function parseBody(text: string, contentType: string): unknown {
  const type = contentType.toLowerCase();
  if (type === 'text/plain') return text;
  if (YAML_TYPES.includes(type)) {
    try {
      return parseYaml(text) as unknown;
    } catch (error) {
      throw new Error(`failed to parse YAML response: ${errorMessage(error)}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // Only a declared JSON body must parse; anything else falls back to an empty body.
    if (contentType !== 'application/json') return {};
    throw new Error(`failed to parse JSON response: ${errorMessage(error)}`);
  }
}

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** Go's textproto.CanonicalMIMEHeaderKey: `content-type` → `Content-Type`. */
export function canonicalHeaderName(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}
