// A Warehouse's `spec.subscriptions` read as Kargo reads them (each an object
// with exactly one key) with the defaults its webhook applies
// (ApplySubscriptionDefaults): NewestFromBranch / SemVer, strict semvers,
// a discovery limit of 20.

import type { ChartSubscription, GitSubscription, ImageSubscription, RepoSubscription } from './types.js';

const LEGACY = ['git', 'image', 'chart'];

export function readSubscriptions(raw: readonly Record<string, unknown>[] | undefined): RepoSubscription[] {
  return (raw ?? []).map((entry, index) => {
    const keys = Object.keys(entry);
    if (keys.length !== 1) throw new Error(`subscription at index ${index} must be an object with exactly one top-level field, but has ${keys.length} fields`);
    const key = keys[0] ?? '';
    if (!LEGACY.includes(key)) throw new Error(`error finding subscriber for subscription: no subscriber registered for subscription type "${key}"`);
    const sub = { ...(entry[key] as Record<string, unknown>) };
    if (key === 'git') {
      sub.commitSelectionStrategy ||= 'NewestFromBranch';
      sub.strictSemvers ??= true;
      sub.discoveryLimit ||= 20;
      return { git: sub as unknown as GitSubscription };
    }
    if (key === 'image') {
      sub.imageSelectionStrategy ||= 'SemVer';
      sub.strictSemvers ??= true;
      sub.discoveryLimit ||= 20;
      return { image: sub as unknown as ImageSubscription };
    }
    sub.discoveryLimit ||= 20;
    return { chart: sub as unknown as ChartSubscription };
  });
}
