// Durable state under a directory: one JSON file per object, written to a
// temporary file, fsynced and renamed into place, so a crash never leaves a
// half-written object. Deletions first record the resourceVersion they consumed
// (the high-water mark), so the counter never goes backwards across a crash.

import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import type { StoreBackend } from './storage.js';
import type { StoredObject } from './types.js';

/** Called once per file that could not be read and was set aside. */
export type CorruptFileReporter = (message: string) => void;

/**
 * Moves an unreadable state file out of the way as `<file>.corrupt-<time>` and
 * reports it, so the server can start with everything else.
 */
export function setAsideCorrupt(file: string, problem: string, now: Date, report: CorruptFileReporter): string {
  const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  report(`state file ${file} is unreadable (${problem}); moved it to ${aside} and started without it`);
  return aside;
}

function fileName(object: StoredObject): string {
  const namespace = object.metadata.namespace ?? '_cluster';
  return `${encodeURIComponent(namespace)}~${encodeURIComponent(object.metadata.name)}.json`;
}

function isStoredObject(value: unknown): value is StoredObject {
  if (typeof value !== 'object' || value === null) return false;
  const metadata = (value as { metadata?: unknown }).metadata;
  return typeof metadata === 'object' && metadata !== null && typeof (metadata as { name?: unknown }).name === 'string';
}

function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface LoadedState {
  objects: { resourceKey: string; object: StoredObject }[];
  /** The highest resourceVersion ever handed out, as far as the disk knows. */
  highWaterMark: number;
}

export class DirectoryBackend implements StoreBackend {
  private readonly objectsDir: string;
  private readonly highWaterFile: string;
  private readonly knownDirs = new Set<string>();

  constructor(
    stateDir: string,
    private readonly now: () => Date,
    private readonly report: CorruptFileReporter,
  ) {
    this.objectsDir = join(stateDir, 'objects');
    this.highWaterFile = join(stateDir, 'resource-version');
    mkdirSync(this.objectsDir, { recursive: true, mode: 0o700 });
  }

  save(resourceKey: string, object: StoredObject): void {
    writeFileAtomic(join(this.dirOf(resourceKey), fileName(object)), JSON.stringify(object));
  }

  /** `object` carries the resourceVersion of its deletion, recorded before the file goes. */
  remove(resourceKey: string, object: StoredObject): void {
    writeFileAtomic(this.highWaterFile, `${object.metadata.resourceVersion ?? '0'}\n`);
    rmSync(join(this.dirOf(resourceKey), fileName(object)), { force: true });
  }

  /** Every readable persisted object; unreadable files are set aside and reported, leftover temp files removed. */
  load(): LoadedState {
    const objects: LoadedState['objects'] = [];
    for (const resourceKey of readdirSync(this.objectsDir)) {
      const dir = join(this.objectsDir, resourceKey);
      for (const file of readdirSync(dir)) {
        const path = join(dir, file);
        if (file.endsWith('.tmp')) rmSync(path, { force: true });
        if (!file.endsWith('.json')) continue;
        const object = this.readObject(path);
        if (object) objects.push({ resourceKey: decodeURIComponent(resourceKey), object });
      }
    }
    return { objects, highWaterMark: this.readHighWaterMark() };
  }

  private readObject(path: string): StoredObject | undefined {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (isStoredObject(parsed)) return parsed;
      setAsideCorrupt(path, 'not a Kubernetes object', this.now(), this.report);
    } catch (error) {
      setAsideCorrupt(path, problemOf(error), this.now(), this.report);
    }
    return undefined;
  }

  private readHighWaterMark(): number {
    if (!existsSync(this.highWaterFile)) return 0;
    const value = Number(readFileSync(this.highWaterFile, 'utf8').trim());
    if (Number.isSafeInteger(value) && value >= 0) return value;
    setAsideCorrupt(this.highWaterFile, 'not a number', this.now(), this.report);
    return 0;
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
