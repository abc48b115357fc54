// argocd-update's config: per Application, updates to its sources (desired
// revision, Kustomize images, Helm parameters).

import { array, boolean, defineConfig, enumOf, nonEmptyString, object, string, when, type JsonSchema } from '../config-schema.js';
import { appEntrySchema } from './config-parts.js';
import type { AppReference } from './find-apps.js';

export interface KustomizeImageUpdate {
  repoURL: string;
  tag?: string;
  digest?: string;
  newName?: string;
}

export interface SourceUpdate {
  repoURL: string;
  chart?: string;
  desiredRevision?: string;
  updateTargetRevision?: boolean;
  kustomize?: { images?: KustomizeImageUpdate[] };
  helm?: { images: { key: string; value: string }[] };
}

export interface AppUpdate extends AppReference {
  sources?: SourceUpdate[];
}

export interface ArgoCDUpdateConfig {
  apps: AppUpdate[];
}

const unset = enumOf(null, '');
const kustomizeImage: JsonSchema = object(
  { repoURL: nonEmptyString(), tag: string(), digest: string(), newName: nonEmptyString() },
  {
    required: ['repoURL'],
    oneOf: [
      when([], { digest: unset, tag: unset }),
      when(['digest'], { digest: { minLength: 1 }, tag: unset }),
      when(['tag'], { digest: unset, tag: { minLength: 1 } }),
    ],
  },
);

const sourceUpdate: JsonSchema = object(
  {
    repoURL: nonEmptyString(),
    chart: nonEmptyString(),
    desiredRevision: nonEmptyString(),
    updateTargetRevision: boolean(),
    kustomize: object({ images: array(kustomizeImage, { minItems: 1 }) }),
    helm: object(
      { images: array(object({ key: nonEmptyString(), value: string() }, { required: ['key', 'value'] }), { minItems: 1 }) },
      { required: ['images'] },
    ),
  },
  {
    required: ['repoURL'],
    oneOf: [
      when([], { desiredRevision: enumOf('', null), updateTargetRevision: enumOf(false, null) }),
      when(['desiredRevision'], { desiredRevision: { minLength: 1 } }),
    ],
  },
);

export const validateArgoCDUpdateConfig = defineConfig(
  'argocd-update',
  object({ apps: array(appEntrySchema({ sources: array(sourceUpdate, { minItems: 1 }) }), { minItems: 1 }) }, { required: ['apps'] }),
);
