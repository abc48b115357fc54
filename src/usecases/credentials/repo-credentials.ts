// Repository credentials as Kargo's API server keeps them: a Secret labelled
// `kargo.akuity.io/cred-type: git|helm|image` with repoURL, username, password
// (and repoURLIsRegex: "true") in its data, the description in an annotation.
// Every answer is the redacted copy (src/rules/credential-redaction.ts).

import { coreResources } from '../../kube/core-resources.js';
import type { KubeClient } from '../../kube/client.js';
import { DESCRIPTION_ANNOTATION } from '../../model/annotations.js';
import type { Secret } from '../../model/core.js';
import { CREDENTIAL_TYPE_LABEL } from '../../model/labels.js';
import { encodeBase64, PASSWORD_KEY, REPO_URL_IS_REGEX_KEY, REPO_URL_KEY, redactRepoCredentials, USERNAME_KEY } from '../../rules/credential-redaction.js';
import { Failure, fail } from '../../runtime/failure.js';
import { createScoped, deleteScoped, type KindWords, listScoped, readScoped, updateScoped } from './scoped-objects.js';
import { namespaceOf, type ResourceScope } from './scope.js';

export const REPO_CREDENTIAL_TYPES = ['git', 'helm', 'image'] as const;
export type RepoCredentialType = (typeof REPO_CREDENTIAL_TYPES)[number];

const WORDS: KindWords = { noun: 'repository credentials', getKind: 'repo-credentials' };
const SECRETS = coreResources.secret;

export interface NewRepoCredentials {
  name: string;
  type: RepoCredentialType;
  repoURL: string;
  regex: boolean;
  username: string;
  password: string;
  description?: string;
}

/** Only what is set changes; `regex` applies with a new repoURL, as in Kargo. */
export interface RepoCredentialsChange {
  description?: string;
  type?: RepoCredentialType;
  repoURL?: string;
  regex: boolean;
  username?: string;
  password?: string;
}

export async function listRepoCredentials(client: KubeClient, scope: ResourceScope): Promise<Secret[]> {
  const secrets = await listScoped<Secret>(client, SECRETS, scope, `${CREDENTIAL_TYPE_LABEL} in (${REPO_CREDENTIAL_TYPES.join(',')})`);
  return secrets.map(redactRepoCredentials);
}

export async function getRepoCredentials(client: KubeClient, scope: ResourceScope, name: string): Promise<Secret> {
  const secret = await readScoped<Secret>(client, SECRETS, scope, WORDS, name);
  checkRepoCredentials(secret, scope, 'not-found');
  return redactRepoCredentials(secret);
}

export async function createRepoCredentials(client: KubeClient, scope: ResourceScope, input: NewRepoCredentials): Promise<Secret> {
  for (const [field, value] of [
    ['repo URL (--repo-url)', input.repoURL],
    ['username (--username)', input.username],
    ['password (--password)', input.password],
  ] as const) {
    if (value === '') fail('usage', `the ${field} must not be empty`);
  }
  const data: Record<string, string> = {
    [REPO_URL_KEY]: encodeBase64(input.repoURL),
    [USERNAME_KEY]: encodeBase64(input.username),
    [PASSWORD_KEY]: encodeBase64(input.password),
  };
  if (input.regex) data[REPO_URL_IS_REGEX_KEY] = encodeBase64('true');
  const secret: Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: input.name,
      namespace: namespaceOf(scope),
      labels: { [CREDENTIAL_TYPE_LABEL]: input.type },
      ...(input.description ? { annotations: { [DESCRIPTION_ANNOTATION]: input.description } } : {}),
    },
    data,
  };
  return redactRepoCredentials(await createScoped(client, SECRETS, scope, WORDS, secret));
}

export async function updateRepoCredentials(client: KubeClient, scope: ResourceScope, name: string, change: RepoCredentialsChange): Promise<Secret> {
  const secret = await readScoped<Secret>(client, SECRETS, scope, WORDS, name);
  checkRepoCredentials(secret, scope, 'conflict');
  const labels = { ...secret.metadata.labels };
  const annotations = { ...secret.metadata.annotations };
  const data = { ...secret.data };
  if (change.description) annotations[DESCRIPTION_ANNOTATION] = change.description;
  if (change.type) labels[CREDENTIAL_TYPE_LABEL] = change.type;
  if (change.repoURL) {
    data[REPO_URL_KEY] = encodeBase64(change.repoURL);
    if (change.regex) data[REPO_URL_IS_REGEX_KEY] = encodeBase64('true');
    else delete data[REPO_URL_IS_REGEX_KEY];
  }
  if (change.username) data[USERNAME_KEY] = encodeBase64(change.username);
  if (change.password) data[PASSWORD_KEY] = encodeBase64(change.password);
  const updated: Secret = { ...secret, metadata: { ...secret.metadata, labels, annotations }, data };
  return redactRepoCredentials(await updateScoped(client, SECRETS, scope, WORDS, updated));
}

export async function deleteRepoCredentials(client: KubeClient, scope: ResourceScope, name: string): Promise<void> {
  checkRepoCredentials(await readScoped<Secret>(client, SECRETS, scope, WORDS, name), scope, 'conflict');
  await deleteScoped(client, SECRETS, scope, WORDS, name);
}

/** Kargo's validateRepoCredentialSecret: only a Secret labelled as git, helm or image credentials is one. */
function checkRepoCredentials(secret: Secret, scope: ResourceScope, kind: 'not-found' | 'conflict'): void {
  const where = `${namespaceOf(scope)}/${secret.metadata.name ?? ''}`;
  const type = secret.metadata.labels?.[CREDENTIAL_TYPE_LABEL];
  if (type === undefined) throw new Failure(kind, `secret ${where} exists, but is not labeled with ${CREDENTIAL_TYPE_LABEL}`);
  if (!(REPO_CREDENTIAL_TYPES as readonly string[]).includes(type)) {
    throw new Failure(
      kind,
      `Kubernetes Secret ${where} exists, but is labeled as unrecognized credential type "${type}"`,
      type === 'generic' ? 'It holds generic credentials: use `kargo get generic-credentials`.' : undefined,
    );
  }
}
