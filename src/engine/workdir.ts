// Resolving a path from a step's config inside the Promotion's working
// directory. Kargo joins paths with securejoin (which confines them) and its
// file-write and delete steps refuse absolute and `../` paths outright; this
// engine refuses every escape, so a config can never touch a file outside
// the working directory: not with `..`, not with an absolute path, not
// through a symlink (wherever it sits in the path).

import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { TerminalStepError } from './step.js';

/** A config path that would leave the working directory. Retrying cannot help. */
export class PathEscapeError extends TerminalStepError {
  constructor(message: string) {
    super(message, { status: 'Failed' });
  }
}

const MAX_SYMLINK_HOPS = 40;

export interface ResolveOptions {
  /** Do not follow a symlink in the last component (delete removes the link itself). */
  keepFinalSymlink?: boolean;
}

/**
 * The absolute location of `path` inside `workDir`, with every existing
 * symlink along the way followed and checked. Missing components are fine
 * (a step may be about to create them).
 */
export function resolveInWorkDir(workDir: string, path: string, options: ResolveOptions = {}): string {
  if (isAbsolute(path)) {
    throw new PathEscapeError(`path ${JSON.stringify(path)} must be relative to the working directory`);
  }
  const lexical = normalize(path);
  if (lexical === '..' || lexical.startsWith(`..${sep}`)) {
    throw new PathEscapeError(`path ${JSON.stringify(path)} attempts to traverse outside the working directory`);
  }
  const root = realpathSync(workDir);
  const pending = splitPath(lexical);
  let current = root;
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      if (current === root) throw escapeThroughSymlink(path);
      current = dirname(current);
      continue;
    }
    const next = join(current, part);
    const isLast = pending.length === 0;
    if (!isSymlink(next) || (isLast && options.keepFinalSymlink)) {
      current = next;
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) {
      throw new PathEscapeError(`path ${JSON.stringify(path)} has too many levels of symbolic links`);
    }
    const target = readlinkSync(next);
    if (isAbsolute(target)) {
      const inside = relative(root, normalize(target));
      if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) throw escapeThroughSymlink(path);
      current = root;
      pending.unshift(...splitPath(inside));
    } else {
      pending.unshift(...splitPath(target));
    }
  }
  return current;
}

/** The path relative to the working directory, for messages (never an absolute host path). */
export function displayPath(workDir: string, absolute: string): string {
  const root = realpathSync(workDir);
  return relative(root, absolute) || '.';
}

function escapeThroughSymlink(path: string): PathEscapeError {
  return new PathEscapeError(`path ${JSON.stringify(path)} resolves outside the working directory through a symlink`);
}

function splitPath(path: string): string[] {
  return path.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
