// Masterminds/semver as Kargo's selectors use it: loose parsing (a `v`
// prefix, missing minor/patch), "strict" meaning all three numbers
// (pkg/controller/semver), constraints, and newest-first ordering with ties
// (1.0 vs 1.0.0) broken by the original string, descending.

import { compareVersions, parseSemver } from '../../engine/expressions/functions/semver.js';
import { parseConstraint } from '../../engine/files/semver-constraint.js';

export type SemVer = NonNullable<ReturnType<typeof parseSemver>>;

const STRICT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseVersion(text: string, strict: boolean): SemVer | undefined {
  const version = parseSemver(text);
  if (!version) return undefined;
  if (strict && !STRICT.test(text.startsWith('v') ? text.slice(1) : text)) return undefined;
  return version;
}

/** A constraint check; undefined for an empty constraint. Throws Masterminds' "improper constraint" wording. */
export function versionConstraint(constraint: string | undefined): ((version: SemVer) => boolean) | undefined {
  if (!constraint) return undefined;
  try {
    return parseConstraint(constraint);
  } catch (error) {
    throw new Error(`error parsing semver constraint "${constraint}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Newest first; equal versions by their original text, descending. */
export function newestFirst(a: SemVer, b: SemVer): number {
  return compareVersions(b, a) || (b.original < a.original ? -1 : b.original > a.original ? 1 : 0);
}
