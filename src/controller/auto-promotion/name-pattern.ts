// Kargo's name patterns (pkg/pattern): `regex:` a regular expression, `glob:` a
// shell glob (`*`, `?`), anything else the exact name.

export function namePatternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('regex:')) return new RegExp(pattern.slice('regex:'.length)).test(name);
  if (pattern.startsWith('glob:')) return globToRegExp(pattern.slice('glob:'.length)).test(name);
  return pattern === name;
}

function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}
