// `--set KEY=VALUE` and `--unset KEY` (each repeatable), parsed as Kargo's CLI
// parses them: split at the first `=`, key and value trimmed, every problem listed.

import { fail } from '../../runtime/failure.js';

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parseSetValues(values: readonly string[]): Record<string, string> {
  const data: Record<string, string> = {};
  const problems: string[] = [];
  for (const pair of values) {
    const at = pair.indexOf('=');
    if (at < 0) {
      problems.push(`invalid --set format "${pair}": expected key=value`);
      continue;
    }
    const key = pair.slice(0, at).trim();
    if (key === '') {
      problems.push(`invalid --set format "${pair}": key cannot be empty`);
      continue;
    }
    data[key] = pair.slice(at + 1).trim();
  }
  if (problems.length > 0) fail('usage', problems.join('; '));
  return data;
}

export function parseUnsetKeys(keys: readonly string[]): string[] {
  if (keys.some((key) => key === '')) fail('usage', '--unset key cannot be empty');
  return [...keys];
}
