// The AGE column: time since a timestamp, in kubectl's humanized form.

import { formatAge } from '../rules/duration.js';

/** Age of something that happened at `timestamp`, or `<unknown>` when it is absent. */
export function age(timestamp: string | undefined, now: Date): string {
  if (!timestamp) return '<unknown>';
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? '<unknown>' : formatAge(now.getTime() - at);
}
