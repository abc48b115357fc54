// Promotion names `<stage>.<ulid>.<freight[:7]>` and shortened label values
// (kargo-semantics.md §0.2).

import { createHash } from 'node:crypto';
import { type PRNG, ulid } from 'ulid';

/** Returns a new ULID (any case) for the given instant. */
export type UlidSource = (now: Date) => string;

const NAME_LIMIT = 253;
const ULID_LENGTH = 26;
const SHORT_FREIGHT_LENGTH = 7;
/** 253 − `.` − ULID − `.` − 7 = 218. */
export const MAX_STAGE_PREFIX = NAME_LIMIT - 1 - ULID_LENGTH - 1 - SHORT_FREIGHT_LENGTH;

const LABEL_VALUE_LIMIT = 63;
const LABEL_HASH_LENGTH = 8;

/** A ULID source over the `ulid` package; pass a seeded PRNG for reproducible names. */
export function ulidSource(random?: PRNG): UlidSource {
  return (now) => ulid(now.getTime(), random);
}

/** A small deterministic PRNG (mulberry32, values in [0, 1)) for tests and dry runs. */
export function seededRandom(seed: number): PRNG {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `<stage>.<ulid>.<freight[:7]>`, lower-cased. A Stage name longer than 218 characters
 * is cut there, so the name stays ≤ 253, and any `.`/`-` the cut exposes is trimmed
 * (Kargo after v1.11.2 does so too; v1.11.2 itself keeps them, which would make an
 * invalid name — its webhook replaces the name anyway).
 */
export function promotionName(stage: string, freight: string, ulidText: string): string {
  if (stage === '' || freight === '') throw new Error('a Promotion name needs a Stage name and a Freight name');
  const prefix = stage.length > MAX_STAGE_PREFIX ? stage.slice(0, MAX_STAGE_PREFIX).replace(/[.-]+$/u, '') : stage;
  return `${prefix}.${ulidText}.${freight.slice(0, SHORT_FREIGHT_LENGTH)}`.toLowerCase();
}

/**
 * Kubernetes label values are ≤ 63 chars: a longer value keeps its first 54
 * characters (trailing `-` trimmed), then `-` and the first 8 hex digits of the
 * SHA-256 of the whole value.
 */
export function shortenLabelValue(value: string): string {
  if (value.length <= LABEL_VALUE_LIMIT) return value;
  const hash = createHash('sha256').update(value, 'utf8').digest('hex').slice(0, LABEL_HASH_LENGTH);
  const prefix = value.slice(0, LABEL_VALUE_LIMIT - LABEL_HASH_LENGTH - 1).replace(/-+$/u, '');
  return `${prefix}-${hash}`;
}
