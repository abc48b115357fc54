// Which tarball entries untar writes, and where (Kargo's tar_extractor rules):
// regular files, directories and symlinks only; `stripComponents` leading
// parts removed; unsafe names skipped (absolute, `\`, `./` prefix, any `..`
// part); gitignore-style `ignore` rules (default: `.git`); and symlinks only
// when their target stays inside the output directory.

import ignore from 'ignore';
import { posix } from 'node:path';

export type EntryKind = 'file' | 'directory' | 'symlink';

export interface EntryRules {
  stripComponents: number;
  /** The raw `ignore` config (one gitignore pattern a line, `#` comments). */
  ignore?: string;
}

export type EntryVerdict =
  | { action: 'extract'; path: string }
  | { action: 'skip'; reason: 'type' | 'stripped' | 'ignored' }
  | { action: 'refuse'; path: string; why: string };

export function entryKind(type: string): EntryKind | undefined {
  if (type === 'File' || type === 'OldFile' || type === 'ContiguousFile') return 'file';
  if (type === 'Directory') return 'directory';
  if (type === 'SymbolicLink') return 'symlink';
  return undefined;
}

export function ruleMatcher(rules: EntryRules): (path: string, kind: EntryKind) => EntryVerdict {
  const patterns = (rules.ignore ?? '').split('\n').filter((line) => !line.startsWith('#') && line.trim() !== '');
  const matcher = ignore().add(patterns.length > 0 ? patterns : ['.git']);
  const exactName = rules.ignore?.trim();
  return (rawPath, kind) => {
    let path = rawPath;
    if (rules.stripComponents > 0) {
      const parts = rawPath.split('/');
      if (parts.length <= rules.stripComponents) return { action: 'skip', reason: 'stripped' };
      path = parts.slice(rules.stripComponents).join('/');
    }
    if (path === '' || path === '/') return { action: 'skip', reason: 'stripped' };
    const unsafe = unsafeReason(path);
    if (unsafe) return { action: 'refuse', path: rawPath, why: unsafe };
    const clean = path.replace(/\/+$/, '');
    if (exactName && posix.basename(clean) === exactName) return { action: 'skip', reason: 'ignored' };
    if (matcher.ignores(kind === 'directory' ? `${clean}/` : clean)) return { action: 'skip', reason: 'ignored' };
    return { action: 'extract', path: clean };
  };
}

export function unsafeReason(path: string): string | undefined {
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/')) return 'is absolute';
  if (path.startsWith('./')) return 'starts with ./';
  if (path.split('/').includes('..')) return 'would escape the output directory';
  return undefined;
}

/** Whether a symlink at `linkPath` (relative to the output root) pointing at `target` stays inside the root. */
export function symlinkStaysInside(linkPath: string, target: string): boolean {
  if (unsafeReason(target) === 'is absolute' || target.includes('\\') || target.startsWith('./')) return false;
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath), target));
  return resolved !== '..' && !resolved.startsWith('../') && !posix.isAbsolute(resolved);
}
