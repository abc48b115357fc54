// Tables of repository credentials, generic credentials and ConfigMaps, with the
// columns of Kargo's CLI (newRepoCredentialsTable, newGenericCredentialsTable,
// newConfigMapsTable). They are built from redacted Secrets only.

import { DESCRIPTION_ANNOTATION } from '../../model/annotations.js';
import type { ConfigMap, Secret } from '../../model/core.js';
import { CREDENTIAL_TYPE_LABEL } from '../../model/labels.js';
import { REPO_URL_IS_REGEX_KEY, REPO_URL_KEY } from '../../rules/credential-redaction.js';
import { age } from '../age.js';
import type { TableData } from './table-context.js';

export function repoCredentialsTable(secrets: Secret[], now: Date): TableData {
  return {
    header: ['NAME', 'TYPE', 'REGEX', 'REPO', 'AGE'],
    rows: secrets.map((secret) => [
      secret.metadata.name ?? '',
      secret.metadata.labels?.[CREDENTIAL_TYPE_LABEL] ?? '',
      secret.stringData?.[REPO_URL_IS_REGEX_KEY] ?? '',
      secret.stringData?.[REPO_URL_KEY] ?? '',
      age(secret.metadata.creationTimestamp, now),
    ]),
  };
}

export function genericCredentialsTable(secrets: Secret[], now: Date): TableData {
  return {
    header: ['NAME', 'DESCRIPTION', 'AGE'],
    rows: secrets.map((secret) => [secret.metadata.name ?? '', descriptionOf(secret), age(secret.metadata.creationTimestamp, now)]),
  };
}

export function configMapsTable(configMaps: ConfigMap[], now: Date): TableData {
  return {
    header: ['NAME', 'DESCRIPTION', 'KEYS', 'AGE'],
    rows: configMaps.map((configMap) => [
      configMap.metadata.name ?? '',
      descriptionOf(configMap),
      String(Object.keys(configMap.data ?? {}).length),
      age(configMap.metadata.creationTimestamp, now),
    ]),
  };
}

function descriptionOf(object: Secret | ConfigMap): string {
  return object.metadata.annotations?.[DESCRIPTION_ANNOTATION] ?? '';
}
