// Kargo's well-known label keys and values (Kargo keeps them in
// api/v1alpha1/labels.go): every layer reads them from here.

export const ALIAS_LABEL = 'kargo.akuity.io/alias';
export const CREDENTIAL_TYPE_LABEL = 'kargo.akuity.io/cred-type';
export const CREDENTIAL_TYPES = ['git', 'helm', 'image', 'generic'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
/** On Promotions (value shortened to 63 characters) and analysis runs: the Stage they belong to. */
export const STAGE_LABEL = 'kargo.akuity.io/stage';
export const FREIGHT_COLLECTION_LABEL = 'kargo.akuity.io/freight-collection';
/** On a namespace: `"true"` when it belongs to a Kargo Project. */
export const PROJECT_LABEL = 'kargo.akuity.io/project';
export const SHARD_LABEL = 'kargo.akuity.io/shard';
export const CONTROLLER_LABEL = 'kargo.akuity.io/controller';
export const LABEL_TRUE = 'true';
export const FINALIZER = 'kargo.akuity.io/finalizer';
