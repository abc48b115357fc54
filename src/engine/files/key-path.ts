// Kargo's key syntax for yaml-update, toml-update and helm's Chart.yaml edits
// (pkg/sjson.SplitKey): dots separate parts unless escaped (`a\.b`), and a
// colon may open a part to mark a numeric-looking key as a map key.

export function splitKey(key: string): string[] {
  const trimmed = key.trim();
  if (trimmed === '') throw new Error('empty key');
  const parts: string[] = [];
  let current = '';
  let escaped = false;
  for (const char of trimmed) {
    if (escaped) {
      if (char !== '.' && char !== ':') throw new Error(`invalid escape sequence in key ${goQuote(trimmed)}`);
      current += char;
      escaped = false;
      continue;
    }
    if (char === '\\') {
      escaped = true;
    } else if (char === '.') {
      if (current === '') throw new Error(`empty key part in key ${goQuote(trimmed)}`);
      parts.push(current);
      current = '';
    } else if (char === ':') {
      if (current !== '') throw new Error(`unexpected colon in key ${goQuote(trimmed)}`);
    } else {
      current += char;
    }
  }
  if (current === '') throw new Error(`empty key part in key ${goQuote(trimmed)}`);
  parts.push(current);
  return parts;
}

/** Go's `%q` for the strings Kargo quotes in messages (JSON escaping is the same for printable text). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}
