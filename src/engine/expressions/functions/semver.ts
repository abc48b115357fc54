// Kargo's semverDiff() and semverParse(), on Masterminds/semver's loose
// parsing (`v` prefix, missing minor/patch allowed). semverParse returns a
// *semver.Version with its methods (Major(), IncPatch(), LessThan(v)…).

import { GoStruct } from '../core/index.js';
import { expectCount, expectString } from './args.js';

const LOOSE_SEMVER = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
  metadata: string;
  original: string;
}

export function parseSemver(text: string): Version | undefined {
  const match = LOOSE_SEMVER.exec(text);
  if (!match) return undefined;
  const prerelease = match[4] ?? '';
  if (prerelease.split('.').some((part) => /^0\d+$/.test(part))) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2] ?? 0),
    patch: Number(match[3] ?? 0),
    prerelease,
    metadata: match[5] ?? '',
    original: text,
  };
}

export function semverDiff(...args: unknown[]): string {
  expectCount(args, 2);
  const a = parseSemver(expectString(args[0], 'first argument'));
  const b = parseSemver(expectString(args[1], 'second argument'));
  if (!a || !b) return 'Incomparable';
  if (a.major !== b.major) return 'Major';
  if (a.minor !== b.minor) return 'Minor';
  if (a.patch !== b.patch) return 'Patch';
  if (a.metadata !== b.metadata) return 'Metadata';
  return 'None';
}

export function semverParse(...args: unknown[]): GoStruct {
  expectCount(args, 1);
  const version = parseSemver(expectString(args[0], 'argument'));
  if (!version) throw new Error('invalid semantic version: Invalid Semantic Version');
  return versionStruct(version);
}

function render(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

function versionStruct(v: Version): GoStruct {
  const other = (value: unknown): Version => {
    if (!(value instanceof GoStruct) || value.goType !== '*semver.Version') throw new Error('argument must be *semver.Version');
    return parseSemver((value.members['String'] as () => string)())!;
  };
  const bump = (next: Omit<Version, 'original' | 'metadata' | 'prerelease'>): GoStruct => {
    const bumped = { ...next, prerelease: '', metadata: '', original: '' };
    bumped.original = (v.original.startsWith('v') ? 'v' : '') + render(bumped);
    return versionStruct(bumped);
  };
  return new GoStruct(
    '*semver.Version',
    {
      Major: () => v.major,
      Minor: () => v.minor,
      Patch: () => v.patch,
      Prerelease: () => v.prerelease,
      Metadata: () => v.metadata,
      Original: () => v.original,
      String: () => render(v),
      IncMajor: () => bump({ major: v.major + 1, minor: 0, patch: 0 }),
      IncMinor: () => bump({ major: v.major, minor: v.minor + 1, patch: 0 }),
      IncPatch: () => bump({ major: v.major, minor: v.minor, patch: v.prerelease ? v.patch : v.patch + 1 }),
      Compare: (o: unknown) => compareVersions(v, other(o)),
      Equal: (o: unknown) => compareVersions(v, other(o)) === 0,
      LessThan: (o: unknown) => compareVersions(v, other(o)) < 0,
      LessThanEqual: (o: unknown) => compareVersions(v, other(o)) <= 0,
      GreaterThan: (o: unknown) => compareVersions(v, other(o)) > 0,
      GreaterThanEqual: (o: unknown) => compareVersions(v, other(o)) >= 0,
    },
    () => render(v),
    () => render(v),
  );
}

/** SemVer 2.0 precedence; build metadata is ignored. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  const left = a.prerelease.split('.');
  const right = b.prerelease.split('.');
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const x = left[index];
    const y = right[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) return Number(x) < Number(y) ? -1 : 1;
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
