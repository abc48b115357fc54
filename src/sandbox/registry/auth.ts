// The registry never serves anyone anonymously: each request carries HTTP
// basic credentials or the bearer token it was started with, compared in
// constant time. Anything else is a 401 with a Basic challenge, which
// registry clients (docker, crane, Kargo's go-containerregistry) answer with
// the credentials they hold.

import { timingSafeEqual } from 'node:crypto';

export interface RegistryCredentials {
  username: string;
  password: string;
  /** Also accepted as `Authorization: Bearer <token>`. */
  token?: string;
}

export const REGISTRY_REALM = 'kargo-sandbox-registry';
export const CHALLENGE = `Basic realm="${REGISTRY_REALM}"`;

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function isAuthorized(header: string | undefined, credentials: RegistryCredentials): boolean {
  if (!header) return false;
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return credentials.token !== undefined && credentials.token !== '' && same(value, credentials.token);
  if (scheme.toLowerCase() !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Both compared, whatever the first says, so timing tells nothing about the username.
  const userOk = same(decoded.slice(0, colon), credentials.username);
  const passwordOk = same(decoded.slice(colon + 1), credentials.password);
  return userOk && passwordOk;
}
