// Kargo's well-known annotation keys (Kargo keeps them in
// api/v1alpha1/annotations.go), plus the one kargo-cli adds of its own.

export const CREATE_ACTOR_ANNOTATION = 'kargo.akuity.io/create-actor';
export const AUTO_PROMOTION_HOLD_ANNOTATION = 'kargo.akuity.io/auto-promotion-hold';
export const AUTO_PROMOTION_RESUME_ANNOTATION = 'kargo.akuity.io/auto-promotion-resume';
export const REFRESH_ANNOTATION = 'kargo.akuity.io/refresh';
export const REVERIFY_ANNOTATION = 'kargo.akuity.io/reverify';
export const ABORT_ANNOTATION = 'kargo.akuity.io/abort';
export const DESCRIPTION_ANNOTATION = 'kargo.akuity.io/description';
/** On a shared Secret or ConfigMap: `*` copies it into every Project's namespace. */
export const REPLICATE_TO_ANNOTATION = 'kargo.akuity.io/replicate-to';
/** On an Argo CD Application: the `<project>:<stage>` allowed to change it. */
export const AUTHORIZED_STAGE_ANNOTATION = 'kargo.akuity.io/authorized-stage';
/** On a Promotion: the full Stage name (the label may be shortened). */
export const STAGE_ANNOTATION = 'kargo.akuity.io/stage';
export const PROMOTION_ANNOTATION = 'kargo.akuity.io/promotion';
export const ROLLBACK_ANNOTATION = 'kargo.akuity.io/rollback';
export const ANNOTATION_TRUE = 'true';

/** kargo-cli's own: the name the CLI chose for a Promotion it creates, kept when Kargo's webhook renames it. */
export const CREATE_REQUEST_ANNOTATION = 'kargo-cli/create-request';
