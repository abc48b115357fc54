// `--claim NAME=VALUE` and `--verb VERB`, repeatable and comma-separated as
// pflag's string slices are in Kargo's CLI.

import type { Claim } from '../../model/rbac.js';
import { claimMapOf, type ClaimMap } from '../../rules/kargo-roles.js';
import { fail } from '../../runtime/failure.js';

export function collectList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ];
}

/**
 * `--claim groups=admins,power-users` reads as two values of one claim, as the real
 * CLI's help examples mean it (its string slice would refuse the bare `power-users`).
 */
export function parseClaims(values: readonly string[]): ClaimMap {
  const claims: Claim[] = [];
  for (const value of values) {
    const parts = value.split('=');
    const previous = claims.at(-1);
    if (parts.length === 1 && previous) {
      previous.values.push(value);
      continue;
    }
    if (parts.length !== 2 || !parts[0]) fail('usage', `--claim should be in the format <claim-name>=<claim-value> (got "${value}")`);
    claims.push({ name: parts[0], values: [parts[1] ?? ''] });
  }
  return claimMapOf(claims);
}
