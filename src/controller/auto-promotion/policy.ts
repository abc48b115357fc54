// Whether a Project's promotion policies let a Stage auto-promote, as Kargo
// v1.11.2's IsAutoPromotionEnabled decides it: the ProjectConfig named after the
// Project, its first policy whose selector matches the Stage (a deprecated
// `stage` name stands in for a selector), and that policy's flag.

import type { KubeClient } from '../../kube/client.js';
import { isNotFound } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import type { ProjectConfig, Stage } from '../../model/kargo.js';
import { labelsMatch, type LabelRequirement } from './label-selector.js';
import { namePatternMatches } from './name-pattern.js';

type Policy = NonNullable<NonNullable<ProjectConfig['spec']>['promotionPolicies']>[number];

export async function autoPromotionEnabled(client: KubeClient, stage: Stage): Promise<boolean> {
  const namespace = stage.metadata.namespace ?? '';
  let config: ProjectConfig;
  try {
    config = await client.get<ProjectConfig>(resources.projectConfig, namespace, namespace);
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
  const policy = (config.spec?.promotionPolicies ?? []).find((candidate) => policyMatches(candidate, stage));
  return policy?.autoPromotionEnabled === true;
}

function policyMatches(policy: Policy, stage: Stage): boolean {
  const selector = policy.stageSelector ?? { name: policy.stage ?? '' };
  if (selector.name && !namePatternMatches(selector.name, stage.metadata.name ?? '')) return false;
  const requirements = (selector.matchExpressions ?? []) as LabelRequirement[];
  return labelsMatch(stage.metadata.labels ?? {}, selector.matchLabels ?? {}, requirements);
}
