// Kargo's VerificationInfoStack.UpdateOrPush: an entry with the same id is
// replaced where it stands, a new one goes on top; ten at most are kept.

import type { FreightCollection, VerificationInfo } from '../../model/kargo.js';

const MAX_HISTORY = 10;

export function updateOrPush(collection: FreightCollection, info: VerificationInfo): void {
  const history = collection.verificationHistory ?? [];
  const index = info.id ? history.findIndex((entry) => entry.id === info.id) : -1;
  if (index >= 0) {
    collection.verificationHistory = history.map((entry, at) => (at === index ? info : entry));
    return;
  }
  collection.verificationHistory = [info, ...history].slice(0, MAX_HISTORY);
}
