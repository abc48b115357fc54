// Kargo's allow/ignore tag regexes (tag-based image and commit selectors) and
// its path selectors (pkg/pattern): `glob:` (doublestar), `regex:`/`regexp:`,
// otherwise a base directory (the path lies under it).

import { posix } from 'node:path';
import { globToRegExp } from '../../engine/glob.js';

export type Matcher = (value: string) => boolean;

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new Error(`error compiling regular expression "${pattern}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Ignore wins; without allow patterns every other tag is allowed. */
export function tagMatcher(allow: readonly string[] = [], ignore: readonly string[] = []): Matcher {
  const allowed = allow.map(compile);
  const ignored = ignore.map(compile);
  return (tag) => !ignored.some((regex) => regex.test(tag)) && (allowed.length === 0 || allowed.some((regex) => regex.test(tag)));
}

function pathPattern(pattern: string): Matcher {
  for (const prefix of ['regex:', 'regexp:']) {
    if (pattern.startsWith(prefix)) {
      const regex = compile(pattern.slice(prefix.length));
      return (path) => regex.test(path);
    }
  }
  if (pattern.startsWith('glob:')) {
    const regex = globToRegExp(pattern.slice('glob:'.length));
    return (path) => regex.test(path);
  }
  // Go's filepath.Rel, then "no `..` anywhere in it" (a file named `a..b` is excluded too, as in Kargo).
  return (path) => !(posix.relative(posix.normalize(pattern), posix.normalize(path)) || '.').includes('..');
}

/** undefined when there are no selectors (everything included / nothing excluded). */
export function pathMatcher(selectors: readonly string[] | undefined, what: string): Matcher | undefined {
  if (!selectors || selectors.length === 0) return undefined;
  const matchers = selectors.map((selector) => {
    try {
      return pathPattern(selector);
    } catch (error) {
      throw new Error(
        `error parsing ${what} path selectors: parse error path selector "${selector}": ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  return (path) => matchers.some((matcher) => matcher(path));
}

/** Kargo's MatchesPaths: some path is included (or no includes) and not excluded. */
export function pathsMatch(paths: readonly string[], include: Matcher | undefined, exclude: Matcher | undefined): boolean {
  return paths.some((path) => (!include || include(path)) && !exclude?.(path));
}
