// The kinds `kargo get` accepts, by plural, singular and kubectl-style short name.

import { resources, type ResourceType } from '../kube/resources.js';

export const GETTABLE = [
  resources.project,
  resources.projectConfig,
  resources.clusterConfig,
  resources.warehouse,
  resources.freight,
  resources.stage,
  resources.promotion,
  resources.promotionTask,
  resources.clusterPromotionTask,
  resources.analysisRun,
] as const satisfies readonly ResourceType[];

/** Every spelling of every gettable kind (for help text and completion). */
export function gettableNames(): string[] {
  return GETTABLE.flatMap((type) => namesOf(type));
}

export function namesOf(type: ResourceType): string[] {
  // Freight is uncountable in Kargo's own CLI (`get freight`); the API plural is `freights`.
  const extra = type === resources.freight ? ['freight'] : [];
  return [...new Set([type.plural, type.singular, ...extra, ...type.shortNames])];
}

export function findGettable(word: string): ResourceType | undefined {
  const lower = word.toLowerCase();
  return GETTABLE.find((type) => namesOf(type).includes(lower) || `${type.plural}.${type.group}` === lower);
}
