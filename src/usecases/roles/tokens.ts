// API tokens of a Kargo role, as Kargo's API server makes them: a Secret of type
// kubernetes.io/service-account-token for the role's ServiceAccount, labelled
// rbac.kargo.akuity.io/api-token and annotated as Kargo-managed, which
// Kubernetes' token controller fills with the token. Listings redact the token.

import type { KubeClient } from '../../kube/client.js';
import { coreResources } from '../../kube/core-resources.js';
import { KubeApiError } from '../../kube/errors.js';
import type { Secret } from '../../model/core.js';
import { API_TOKEN_LABEL, RBAC_MANAGED_ANNOTATION, SYSTEM_ROLE_LABEL } from '../../model/rbac.js';
import { encodeBase64, REDACTED } from '../../rules/credential-redaction.js';
import { Failure } from '../../runtime/failure.js';
import { readRoleResources, type RoleScope } from './roles.js';
import { compareStrings } from '../../runtime/compare-strings.js';

export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';
export const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
/** Kargo waits five steps of client-go's DefaultBackoff (10 ms × 5ⁿ, about 1.6 s); kargo gives a busy token controller up to 10 s. */
const TOKEN_WAITS_MS = [10, 50, 250, ...Array.from({ length: 39 }, () => 250)];

export function isApiToken(secret: Secret): boolean {
  return secret.type === SERVICE_ACCOUNT_TOKEN_TYPE && secret.metadata.labels?.[API_TOKEN_LABEL] === 'true';
}

export function redactToken(secret: Secret): Secret {
  if (secret.data?.token === undefined) return secret;
  return { ...secret, data: { ...secret.data, token: encodeBase64(REDACTED) } };
}

export async function createApiToken(client: KubeClient, scope: RoleScope, role: string, name: string, sleep: (ms: number) => Promise<void>): Promise<Secret> {
  const { serviceAccount } = await readRoleResources(client, scope, role);
  if (scope.kind === 'system' && serviceAccount.metadata.labels?.[SYSTEM_ROLE_LABEL] !== 'true') {
    throw new Failure('refused', `ServiceAccount "${role}" in namespace "${scope.namespace}" is not labeled as a system-level Kargo role`);
  }
  const secret: Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: SERVICE_ACCOUNT_TOKEN_TYPE,
    metadata: {
      name,
      namespace: scope.namespace,
      labels: { [API_TOKEN_LABEL]: 'true' },
      annotations: { [SERVICE_ACCOUNT_NAME_ANNOTATION]: role, [RBAC_MANAGED_ANNOTATION]: 'true' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ServiceAccount', name: role, uid: serviceAccount.metadata.uid ?? '' }],
    },
  };
  try {
    await client.create(coreResources.secret, secret, scope.namespace);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 409)
      throw new Failure('conflict', `a Secret named "${name}" already exists in namespace "${scope.namespace}"`, 'Pick another token name.');
    throw error;
  }
  for (const wait of [...TOKEN_WAITS_MS, undefined]) {
    const current = await client.get<Secret>(coreResources.secret, name, scope.namespace);
    if (current.data?.token) return current;
    if (wait === undefined) break;
    await sleep(wait);
  }
  throw new Failure(
    'timeout',
    `token Secret "${name}" in namespace "${scope.namespace}" was not populated with a token`,
    "Kubernetes' token controller fills it (the sandbox has none); read it later with kubectl, or delete it with `kargo delete token`.",
  );
}

export async function listApiTokens(client: KubeClient, scope: RoleScope, role?: string): Promise<Secret[]> {
  if (role) await readRoleResources(client, scope, role);
  const { items } = await client.list<Secret>(coreResources.secret, scope.namespace, { labelSelector: `${API_TOKEN_LABEL}=true` });
  return items
    .filter((secret) => isApiToken(secret) && (!role || secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION] === role))
    .sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''))
    .map(redactToken);
}

export async function getApiToken(client: KubeClient, scope: RoleScope, name: string): Promise<Secret> {
  const secret = await readToken(client, scope, name);
  if (!isApiToken(secret)) throw new Failure('not-found', `Kubernetes Secret "${name}" in namespace "${scope.namespace}" is not labeled as a Kargo API token`);
  return redactToken(secret);
}

/** Kargo's DeleteAPIToken checks, in its order. */
export async function deleteApiToken(client: KubeClient, scope: RoleScope, name: string): Promise<void> {
  const secret = await readToken(client, scope, name);
  const where = `Kubernetes Secret "${name}" in namespace "${scope.namespace}"`;
  if (secret.type !== SERVICE_ACCOUNT_TOKEN_TYPE) throw new Failure('conflict', `${where} is not a service account token`);
  if (secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION] === undefined)
    throw new Failure('conflict', `${where} is missing the service account annotation`);
  if (!isApiToken(secret)) throw new Failure('conflict', `${where} is not labeled as a Kargo API token`);
  if (secret.metadata.annotations?.[RBAC_MANAGED_ANNOTATION] !== 'true') throw new Failure('conflict', `${where} is not annotated as Kargo-managed`);
  await client.delete(coreResources.secret, name, scope.namespace);
}

async function readToken(client: KubeClient, scope: RoleScope, name: string): Promise<Secret> {
  try {
    return await client.get<Secret>(coreResources.secret, name, scope.namespace);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) {
      throw new Failure(
        'not-found',
        `token "${name}" not found in namespace "${scope.namespace}"`,
        `List tokens with \`kargo get tokens -p ${scope.namespace}\`.`,
      );
    }
    throw error;
  }
}
