// A reverify or abort-verification request on a Stage (Kargo's
// ReverifyAnnotationValue / AbortVerificationAnnotationValue): JSON
// `{"id","actor","controlPlane"}`, or a plain id. Unparsable or id-less
// values are no request at all.

import { ABORT_ANNOTATION, REVERIFY_ANNOTATION } from '../../model/annotations.js';

export interface VerificationRequest {
  id: string;
  actor?: string;
  controlPlane?: boolean;
}

export function reverifyRequestOf(annotations: Readonly<Record<string, string>> | undefined): VerificationRequest | undefined {
  return parse(annotations?.[REVERIFY_ANNOTATION]);
}

export function abortRequestOf(annotations: Readonly<Record<string, string>> | undefined): VerificationRequest | undefined {
  return parse(annotations?.[ABORT_ANNOTATION]);
}

/** Kargo's VerificationRequest.ForID. */
export function isFor(request: VerificationRequest | undefined, id: string | undefined): boolean {
  return request !== undefined && id !== undefined && request.id === id;
}

function parse(value: string | undefined): VerificationRequest | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value === '' ? undefined : { id: value };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { id, actor, controlPlane } = parsed as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return undefined;
  return {
    id,
    ...(typeof actor === 'string' && actor ? { actor } : {}),
    ...(controlPlane === true ? { controlPlane: true } : {}),
  };
}
