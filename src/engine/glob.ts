// doublestar-style glob patterns (as Kargo's delete step uses): `*` and `?`
// within one path segment, `**` across segments, `[abc]`/`[!a-z]` classes,
// `{a,b}` alternatives, `\` escapes. Dotfiles are not special.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export class GlobPatternError extends Error {
  override readonly name = 'GlobPatternError';
}

export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        const atSegmentEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          const trailingSlash = pattern[i + 2] === '/';
          source += trailingSlash ? '(?:[^/]*(?:/[^/]*)*/)?' : '.*';
          i += trailingSlash ? 2 : 1;
          continue;
        }
        i += 1;
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) throw new GlobPatternError('syntax error in pattern');
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!') || body.startsWith('^')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\(?!\])/g, '\\\\')}]`;
      i = end;
    } else if (char === '{') {
      braceDepth += 1;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth -= 1;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new GlobPatternError('syntax error in pattern');
      source += escapeRegExp(next);
      i += 1;
    } else {
      source += escapeRegExp(char);
    }
  }
  if (braceDepth !== 0) throw new GlobPatternError('syntax error in pattern');
  return new RegExp(`^${source}$`);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Every file and directory under `root` (not following symlinks) whose relative path matches. */
export async function glob(root: string, pattern: string): Promise<string[]> {
  const matcher = globToRegExp(pattern);
  const matches: string[] = [];
  const walk = async (directory: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (matcher.test(relative)) matches.push(relative);
      if (entry.isDirectory()) await walk(join(directory, entry.name), relative);
    }
  };
  await walk(root, '');
  return matches.sort();
}
