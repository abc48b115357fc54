// The Warehouse's subscriptions and status as Kargo v1.11.2 defines them
// (api/v1alpha1/warehouse_types.go, zz_subscription_types.go), field for field.

import type { Condition, Warehouse } from '../../model/kargo.js';

export interface GitSubscription {
  repoURL: string;
  commitSelectionStrategy?: 'NewestFromBranch' | 'SemVer' | 'Lexical' | 'NewestTag';
  branch?: string;
  semverConstraint?: string;
  strictSemvers?: boolean;
  allowTags?: string;
  allowTagsRegexes?: string[];
  ignoreTags?: string[];
  ignoreTagsRegexes?: string[];
  includePaths?: string[];
  excludePaths?: string[];
  expressionFilter?: string;
  discoveryLimit?: number;
  since?: string;
  insecureSkipTLSVerify?: boolean;
}

export interface ImageSubscription {
  repoURL: string;
  imageSelectionStrategy?: 'SemVer' | 'Lexical' | 'Digest' | 'NewestBuild';
  constraint?: string;
  strictSemvers?: boolean;
  allowTags?: string;
  allowTagsRegexes?: string[];
  ignoreTags?: string[];
  ignoreTagsRegexes?: string[];
  platform?: string;
  discoveryLimit?: number;
  insecureSkipTLSVerify?: boolean;
  cacheByTag?: boolean;
}

export interface ChartSubscription {
  repoURL: string;
  name?: string;
  semverConstraint?: string;
  discoveryLimit?: number;
  insecureSkipTLSVerify?: boolean;
}

export type RepoSubscription = { git: GitSubscription } | { image: ImageSubscription } | { chart: ChartSubscription };

export interface DiscoveredRef {
  name: string;
  id: string;
}

export interface GitDiscoveryRefs {
  branchHead?: string;
  tags?: DiscoveredRef[];
}

export interface DiscoveredCommit {
  id?: string;
  branch?: string;
  tag?: string;
  subject?: string;
  author?: string;
  committer?: string;
  creatorDate?: string;
}

export interface GitDiscoveryResult {
  repoURL: string;
  commits: DiscoveredCommit[];
  observedRefs?: GitDiscoveryRefs;
}

export interface DiscoveredImageReference {
  tag: string;
  digest: string;
  annotations?: Record<string, string>;
  createdAt?: string;
}

export interface ImageDiscoveryResult {
  repoURL: string;
  platform?: string;
  references: DiscoveredImageReference[];
}

export interface ChartDiscoveryResult {
  repoURL: string;
  name?: string;
  semverConstraint?: string;
  versions: string[];
}

export interface DiscoveredArtifacts {
  discoveredAt: string;
  git?: GitDiscoveryResult[];
  images?: ImageDiscoveryResult[];
  charts?: ChartDiscoveryResult[];
  results?: unknown[];
}

export interface WarehouseStatus {
  conditions?: Condition[];
  lastHandledRefresh?: string;
  observedGeneration?: number;
  lastFreightID?: string;
  discoveredArtifacts?: DiscoveredArtifacts;
}

export interface WarehouseObject extends Warehouse {
  spec: Warehouse['spec'] & { freightCreationCriteria?: { expression?: string } };
  status?: WarehouseStatus;
}
