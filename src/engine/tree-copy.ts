// Copies a file or a directory tree the way Kargo's copy step does (the
// otiai10/copy library): a directory's contents merge into the destination,
// files keep their mode, symlinks are skipped, ignored entries are left out.

import { copyFile, lstat, mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Decides by the path relative to the copy's root (`/`-separated; directories end with `/`). */
export type IgnoreTest = (relativePath: string) => boolean;

export async function copyTree(source: string, destination: string, ignored: IgnoreTest): Promise<void> {
  const info = await lstat(source);
  if (info.isSymbolicLink()) return;
  if (!info.isDirectory()) {
    await mkdir(dirname(destination), { recursive: true });
    await copyFile(source, destination);
    return;
  }
  await copyDirectory(source, destination, '', ignored, info.mode);
}

async function copyDirectory(source: string, destination: string, relative: string, ignored: IgnoreTest, mode: number): Promise<void> {
  await mkdir(destination, { recursive: true, mode: mode & 0o7777 });
  const files: string[] = [];
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const entryRelative = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      if (ignored(`${entryRelative}/`)) continue;
      const info = await lstat(join(source, entry.name));
      await copyDirectory(join(source, entry.name), join(destination, entry.name), entryRelative, ignored, info.mode);
    } else if (!ignored(entryRelative)) {
      files.push(entry.name);
    }
  }
  // Files of one directory are independent: copy them a batch at a time.
  for (let start = 0; start < files.length; start += COPY_BATCH) {
    await Promise.all(files.slice(start, start + COPY_BATCH).map((name) => copyFile(join(source, name), join(destination, name))));
  }
}

const COPY_BATCH = 32;
