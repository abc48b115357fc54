// Writing a file so that a reader or a crash sees the old content or the new,
// never a mix: one implementation for the user config, the sandbox and the server.

import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readlinkSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Follows symbolic links (dangling ones too) to the file they name, as kubectl does when it writes a kubeconfig. */
function linkTarget(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let isLink = false;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new Error(`too many levels of symbolic links at ${path}`);
}

/**
 * Replaces the file at `path` (or, when it is a symbolic link, the file it points
 * to) with `content`: written to a temporary file beside it, fsynced and renamed,
 * so a reader or a crash sees the old content or the new, never a mix. The file
 * always ends up with `mode`, whatever it had before.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const target = linkTarget(path);
  const temporary = `${target}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  const descriptor = openSync(temporary, 'w', mode);
  try {
    fchmodSync(descriptor, mode);
    writeSync(descriptor, content);
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  renameSync(temporary, target);
}
