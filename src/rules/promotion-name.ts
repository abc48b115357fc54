// Promotion names `<stage>.<ulid>.<freight[:7]>` and shortened label values
// (kargo-semantics.md §0.2).

import type { PRNG } from 'ulid';

/** Returns a new upper- or lower-case ULID for the given instant. */
export type UlidSource = (now: Date) => string;

/** A ULID source over the `ulid` package; pass a seeded PRNG for reproducible names. */
export function ulidSource(random?: PRNG): UlidSource {
  throw new Error(`not implemented: ${String(random)}`);
}

/** A small deterministic PRNG (values in [0, 1)) for tests and dry runs. */
export function seededRandom(seed: number): PRNG {
  throw new Error(`not implemented: ${seed}`);
}

export function promotionName(stage: string, freight: string, ulid: string): string {
  throw new Error(`not implemented: ${stage} ${freight} ${ulid}`);
}

/** Kubernetes label values are ≤ 63 chars: longer ones keep a prefix plus a SHA-256 suffix. */
export function shortenLabelValue(value: string): string {
  throw new Error(`not implemented: ${value}`);
}
