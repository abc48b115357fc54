// Durable state under a directory: one JSON file per object, written to a
// temporary file, fsynced and renamed into place, so a crash never leaves a half-written object.

import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { StoreBackend } from './storage.js';
import type { StoredObject } from './types.js';

export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const temporary = `${path}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  const descriptor = openSync(temporary, 'w', mode);
  try {
    writeSync(descriptor, content);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
}

function fileName(object: StoredObject): string {
  const namespace = object.metadata.namespace ?? '_cluster';
  return `${encodeURIComponent(namespace)}~${encodeURIComponent(object.metadata.name)}.json`;
}

export class DirectoryBackend implements StoreBackend {
  private readonly objectsDir: string;
  private readonly knownDirs = new Set<string>();

  constructor(stateDir: string) {
    this.objectsDir = join(stateDir, 'objects');
    mkdirSync(this.objectsDir, { recursive: true, mode: 0o700 });
  }

  save(resourceKey: string, object: StoredObject): void {
    writeFileAtomic(join(this.dirOf(resourceKey), fileName(object)), JSON.stringify(object));
  }

  remove(resourceKey: string, object: StoredObject): void {
    rmSync(join(this.dirOf(resourceKey), fileName(object)), { force: true });
  }

  /** Every persisted object, grouped by resource key; leftover temp files are ignored. */
  loadAll(): { resourceKey: string; object: StoredObject }[] {
    const loaded: { resourceKey: string; object: StoredObject }[] = [];
    for (const resourceKey of readdirSync(this.objectsDir)) {
      const dir = join(this.objectsDir, resourceKey);
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.json')) {
          if (file.endsWith('.tmp')) rmSync(join(dir, file), { force: true });
          continue;
        }
        loaded.push({ resourceKey: decodeURIComponent(resourceKey), object: JSON.parse(readFileSync(join(dir, file), 'utf8')) as StoredObject });
      }
    }
    return loaded;
  }

  private dirOf(resourceKey: string): string {
    const dir = join(this.objectsDir, encodeURIComponent(resourceKey));
    if (!this.knownDirs.has(dir)) {
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.knownDirs.add(dir);
    }
    return dir;
  }
}
