// Kargo's sharding (pkg/controller/labels.go): a controller named for a shard
// reconciles only objects labelled for it; one without a shard only those
// labelled for none. Its lease is its own, so shards never wait on each other.

import { SHARD_LABEL } from '../model/labels.js';

export function shardSelector(shard: string | undefined): string {
  return shard ? `${SHARD_LABEL}=${shard}` : `!${SHARD_LABEL}`;
}

export function leaseNameFor(shard: string | undefined): string {
  return shard ? `kargo-cli-controller-${shard}` : 'kargo-cli-controller';
}

/**
 * The Stages this controller's (label-filtered) Stage watch has shown it: what
 * other watches (AnalysisRuns) point at is only acted on for these. Keys seen
 * before their Stage are held until it shows up.
 */
export class StageScope {
  private readonly known = new Set<string>();
  private readonly waiting = new Map<string, Set<string>>();

  /** Records a Stage of this shard; returns what was held for it. */
  admit(stageKey: string): string[] {
    this.known.add(stageKey);
    const held = [...(this.waiting.get(stageKey) ?? [])];
    this.waiting.delete(stageKey);
    return held;
  }

  /** Whether `stageKey` is this shard's; if not (yet), `item` is held for it. */
  owns(stageKey: string, item?: string): boolean {
    if (this.known.has(stageKey)) return true;
    if (item !== undefined) this.waiting.set(stageKey, (this.waiting.get(stageKey) ?? new Set()).add(item));
    return false;
  }
}
