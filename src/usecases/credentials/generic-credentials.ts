// Generic credentials as Kargo's API server keeps them: a Secret labelled
// `kargo.akuity.io/cred-type: generic` holding any keys, in a Project, the shared
// or the system resources. Every answer is redacted, all values included.

import { coreResources } from '../../kube/core-resources.js';
import type { KubeClient } from '../../kube/client.js';
import type { Secret } from '../../model/core.js';
import { CREDENTIAL_TYPE_LABEL } from '../../model/labels.js';
import { encodeBase64, redactGenericCredentials } from '../../rules/credential-redaction.js';
import { Failure, fail } from '../../runtime/failure.js';
import { changedData, describedMetadata, type KeyValueChange, newMetadata } from './key-values.js';
import { createScoped, deleteScoped, type KindWords, listScoped, readScoped, updateScoped } from './scoped-objects.js';
import { namespaceOf, type ResourceScope } from './scope.js';

const WORDS: KindWords = { noun: 'generic credentials', getKind: 'generic-credentials' };
const SECRETS = coreResources.secret;
const GENERIC = 'generic';

export async function listGenericCredentials(client: KubeClient, scope: ResourceScope): Promise<Secret[]> {
  const secrets = await listScoped<Secret>(client, SECRETS, scope, `${CREDENTIAL_TYPE_LABEL}=${GENERIC}`);
  return secrets.map(redactGenericCredentials);
}

export async function getGenericCredentials(client: KubeClient, scope: ResourceScope, name: string): Promise<Secret> {
  const secret = await readScoped<Secret>(client, SECRETS, scope, WORDS, name);
  checkGeneric(secret, scope, 'not-found');
  return redactGenericCredentials(secret);
}

export async function createGenericCredentials(
  client: KubeClient,
  scope: ResourceScope,
  input: { name: string; data: Record<string, string>; description?: string },
): Promise<Secret> {
  if (Object.keys(input.data).length === 0) fail('usage', 'cannot create empty generic credentials', 'Give at least one --set KEY=VALUE.');
  const secret: Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: newMetadata(input.name, namespaceOf(scope), input.description, { [CREDENTIAL_TYPE_LABEL]: GENERIC }),
    data: Object.fromEntries(Object.entries(input.data).map(([key, value]) => [key, encodeBase64(value)])),
  };
  return redactGenericCredentials(await createScoped(client, SECRETS, scope, WORDS, secret));
}

export async function updateGenericCredentials(client: KubeClient, scope: ResourceScope, name: string, change: KeyValueChange): Promise<Secret> {
  const secret = await readScoped<Secret>(client, SECRETS, scope, WORDS, name);
  checkGeneric(secret, scope, 'conflict');
  const updated: Secret = {
    ...secret,
    metadata: describedMetadata(secret.metadata, change.description),
    data: changedData(secret.data, change, encodeBase64, `generic credentials "${name}"`),
  };
  return redactGenericCredentials(await updateScoped(client, SECRETS, scope, WORDS, updated));
}

export async function deleteGenericCredentials(client: KubeClient, scope: ResourceScope, name: string): Promise<void> {
  checkGeneric(await readScoped<Secret>(client, SECRETS, scope, WORDS, name), scope, 'conflict');
  await deleteScoped(client, SECRETS, scope, WORDS, name);
}

/** Kargo's validateGenericCredentialSecret. */
function checkGeneric(secret: Secret, scope: ResourceScope, kind: 'not-found' | 'conflict'): void {
  if (secret.metadata.labels?.[CREDENTIAL_TYPE_LABEL] === GENERIC) return;
  throw new Failure(kind, `Secret ${namespaceOf(scope)}/${secret.metadata.name ?? ''} exists, but is not labeled with ${CREDENTIAL_TYPE_LABEL}=${GENERIC}`);
}
