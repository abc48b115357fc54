// Reads the relative imports of TypeScript sources (static, `export … from` and
// dynamic) and checks them against the allowed layer imports.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

export interface SourceFile {
  /** Path relative to the repository root, with `/`. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  from: string;
  to: string;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function readSources(root: string, dir = 'src'): SourceFile[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const absolute = join(entry.parentPath, entry.name);
      return { path: relative(root, absolute).split(sep).join('/'), text: readFileSync(absolute, 'utf8') };
    });
}

/** `src/rules/x.ts` → `rules`; `src/main.ts` → `top`. */
export function layerOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? (parts[1] ?? 'top') : 'top';
}

export function specifiersOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    if (specifier?.startsWith('.')) found.push(specifier);
  }
  return found;
}

export function findViolations(files: SourceFile[], allowed: Readonly<Record<string, readonly string[]>>): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    const permitted = allowed[from];
    for (const specifier of specifiersOf(file.text)) {
      const target = posix.normalize(posix.join(dirname(file.path), specifier));
      if (!target.startsWith('src/')) continue;
      const to = layerOf(target);
      if (to === from || permitted?.includes('*')) continue;
      if (!permitted?.includes(to)) violations.push({ file: file.path, specifier, from, to });
    }
  }
  return violations;
}
