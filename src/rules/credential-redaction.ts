// What of a credentials Secret may be shown: Kargo's API server answers every
// read and write of credentials with a "heavily redacted" copy
// (sanitizeCredentialSecret, sanitizeGenericCredentials in pkg/server), and so
// does kargo. Every value becomes `*** REDACTED ***` except the few known not to
// be secret (a repository credential's repoURL, repoURLIsRegex and username);
// every annotation too except the description (and, for generic credentials,
// replicate-to), because `last-applied-configuration` and its like copy the
// whole Secret, values included. `data` is dropped; what is left is in `stringData`.

import { DESCRIPTION_ANNOTATION, REPLICATE_TO_ANNOTATION } from '../model/annotations.js';
import type { Secret } from '../model/core.js';

export const REDACTED = '*** REDACTED ***';

/** Keys of a repository credential (Kargo's pkg/credentials field names). */
export const REPO_URL_KEY = 'repoURL';
export const REPO_URL_IS_REGEX_KEY = 'repoURLIsRegex';
export const USERNAME_KEY = 'username';
export const PASSWORD_KEY = 'password';

const REPO_VISIBLE_KEYS = new Set([REPO_URL_KEY, REPO_URL_IS_REGEX_KEY, USERNAME_KEY]);
const REPO_VISIBLE_ANNOTATIONS = new Set([DESCRIPTION_ANNOTATION]);
const GENERIC_VISIBLE_ANNOTATIONS = new Set([DESCRIPTION_ANNOTATION, REPLICATE_TO_ANNOTATION]);

export function redactRepoCredentials(secret: Secret): Secret {
  return redact(secret, REPO_VISIBLE_KEYS, REPO_VISIBLE_ANNOTATIONS);
}

export function redactGenericCredentials(secret: Secret): Secret {
  return redact(secret, new Set(), GENERIC_VISIBLE_ANNOTATIONS);
}

function redact(secret: Secret, visibleKeys: ReadonlySet<string>, visibleAnnotations: ReadonlySet<string>): Secret {
  const { data, stringData: written, ...rest } = secret;
  const stringData: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) stringData[key] = visibleKeys.has(key) ? decodeBase64(value) : REDACTED;
  // A real API server never returns stringData; a store that kept it gets the same treatment.
  for (const [key, value] of Object.entries(written ?? {})) stringData[key] = visibleKeys.has(key) ? value : REDACTED;
  const annotations = secret.metadata.annotations;
  const metadata = { ...secret.metadata };
  if (annotations) {
    metadata.annotations = Object.fromEntries(Object.entries(annotations).map(([key, value]) => [key, visibleAnnotations.has(key) ? value : REDACTED]));
  }
  return { ...rest, metadata, stringData };
}

export function decodeBase64(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

export function encodeBase64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}
