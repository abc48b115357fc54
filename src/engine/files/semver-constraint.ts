// Helm's version constraints for chart dependencies (Masterminds/semver):
// `||` between alternatives, `,` or spaces between conditions that must all
// hold; operators = != > < >= <= ~ ^; `x`/`*` wildcards; a bare version is an
// exact match. Pre-releases match only a constraint that names one.

import { compareVersions, parseSemver } from '../expressions/functions/semver.js';

type Version = NonNullable<ReturnType<typeof parseSemver>>;
type Check = (version: Version) => boolean;

const CONDITION = /^(=|!=|>=|<=|>|<|~>?|\^)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The highest of `versions` that satisfies `constraint`, or undefined. */
export function highestSatisfying(constraint: string, versions: readonly string[]): string | undefined {
  const check = parseConstraint(constraint);
  let best: { text: string; version: Version } | undefined;
  for (const text of versions) {
    const version = parseSemver(text);
    if (!version || !check(version)) continue;
    if (!best || compareVersions(version, best.version) > 0) best = { text, version };
  }
  return best?.text;
}

export function parseConstraint(constraint: string): Check {
  const alternatives = constraint.split('||').map((alternative) => {
    const conditions = alternative
      .trim()
      .replace(/(=|!=|>=|<=|>|<|~>?|\^)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter((part) => part !== '')
      .map(parseCondition);
    const allowsPrerelease = /-[0-9A-Za-z]/.test(alternative.replace(/^[^0-9]*[0-9.]*/, ''));
    return (version: Version) => (version.prerelease === '' || allowsPrerelease) && conditions.every((condition) => condition(version));
  });
  return (version) => alternatives.some((alternative) => alternative(version));
}

function parseCondition(text: string): Check {
  const match = CONDITION.exec(text);
  if (!match) throw new Error(`improper constraint: ${text}`);
  const [, operator = '', majorText = '', minorText, patchText, prerelease = ''] = match;
  const wild = (part: string | undefined) => part === undefined || /^[xX*]$/.test(part);
  const number = (part: string | undefined) => (wild(part) ? 0 : Number(part));
  const bound = parseSemver(`${number(majorText)}.${number(minorText)}.${number(patchText)}${prerelease}`) as Version;
  const cmp = (version: Version) => compareVersions(version, bound);
  const wildLevel = wild(majorText) ? 0 : wild(minorText) ? 1 : wild(patchText) ? 2 : 3;
  const below = (level: number): Version => {
    const next = { ...bound, prerelease: '' };
    if (level <= 0) return { ...next, major: Infinity };
    if (level === 1) return { ...next, major: bound.major + 1, minor: 0, patch: 0 };
    if (level === 2) return { ...next, minor: bound.minor + 1, patch: 0 };
    return { ...next, patch: bound.patch + 1 };
  };
  const inRange = (version: Version, level: number) => cmp(version) >= 0 && compareVersions(version, below(level)) < 0;
  switch (operator) {
    case '':
    case '=':
      return wildLevel < 3 ? (version) => inRange(version, wildLevel) : (version) => cmp(version) === 0;
    case '!=':
      return wildLevel < 3 ? (version) => !inRange(version, wildLevel) : (version) => cmp(version) !== 0;
    case '>':
      return wildLevel < 3 ? (version) => compareVersions(version, below(wildLevel)) >= 0 : (version) => cmp(version) > 0;
    case '>=':
      return (version) => cmp(version) >= 0;
    case '<':
      return (version) => cmp(version) < 0;
    case '<=':
      return wildLevel < 3 ? (version) => compareVersions(version, below(wildLevel)) < 0 : (version) => cmp(version) <= 0;
    case '~':
    case '~>':
      return (version) => inRange(version, wildLevel <= 1 ? wildLevel : 2);
    default: // '^'
      return (version) => inRange(version, bound.major > 0 || wildLevel <= 1 ? 1 : bound.minor > 0 || wildLevel === 2 ? 2 : 3);
  }
}
