// Kargo's data functions (pkg/expressions/function/functions.go):
// configMap(), secret(), sharedConfigMap(), sharedSecret(). A missing object
// reads as an empty map, a missing key as '' (they are map[string]string);
// a shared Secret is visible only when labelled as a generic credential.

import type { ConfigMap, Secret } from '../../../model/kargo.js';
import { withZeroValue } from '../core/index.js';
import { expectCount, expectString } from './args.js';

const CREDENTIAL_TYPE_LABEL = 'kargo.akuity.io/cred-type';

type Lookup = (...args: unknown[]) => Record<string, string>;

export function configMapLookup(configMaps: readonly ConfigMap[] = []): Lookup {
  return (...args) => {
    const name = nameArg(args);
    return withZeroValue({ ...(configMaps.find((candidate) => candidate.metadata.name === name)?.data ?? {}) }, '');
  };
}

/** `genericOnly`: the shared namespace's Secrets are readable only when labelled generic. */
export function secretLookup(secrets: readonly Secret[] = [], genericOnly = false): Lookup {
  return (...args) => {
    const name = nameArg(args);
    const secret = secrets.find((candidate) => candidate.metadata.name === name);
    if (!secret) return withZeroValue({}, '');
    if (genericOnly && secret.metadata.labels?.[CREDENTIAL_TYPE_LABEL] !== 'generic') return withZeroValue({}, '');
    return withZeroValue(secretData(secret), '');
  };
}

function nameArg(args: readonly unknown[]): string {
  expectCount(args, 1);
  return expectString(args[0], 'argument');
}

/** The Secret's values as text (`data` is base64 on the wire; `stringData` is plain). */
function secretData(secret: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) out[key] = Buffer.from(value, 'base64').toString('utf8');
  return { ...out, ...(secret.stringData ?? {}) };
}
