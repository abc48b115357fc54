// The object store: one global resourceVersion counter, objects per resource,
// and a bounded history of change events that watches resume from.

import type { StoredObject } from './types.js';
import { deepClone } from './types.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ChangeEvent {
  type: ChangeType;
  resourceKey: string;
  resourceVersion: number;
  object: StoredObject;
  /** The object before a MODIFIED change (watches use it to notice objects leaving a selector). */
  previous?: StoredObject;
}

export type ChangeListener = (event: ChangeEvent) => void;

/** Where writes go to survive a restart (see persistence.ts). */
export interface StoreBackend {
  save(resourceKey: string, object: StoredObject): void;
  remove(resourceKey: string, object: StoredObject): void;
}

export interface StoreOptions {
  /** Change events kept for watch resumption; older resourceVersions get 410 Expired. */
  historySize: number;
  backend?: StoreBackend;
  initialResourceVersion?: number;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class ObjectStore {
  private readonly objects = new Map<string, Map<string, StoredObject>>();
  private readonly history: ChangeEvent[] = [];
  private readonly listeners = new Set<ChangeListener>();
  private revision: number;
  /** The oldest resourceVersion a watch may still resume from. */
  private oldestResumable: number;

  constructor(private readonly options: StoreOptions) {
    this.revision = options.initialResourceVersion ?? 1;
    this.oldestResumable = this.revision;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  get oldestResumableVersion(): number {
    return this.oldestResumable;
  }

  /** Loads objects as persisted, without events; used at start-up only. */
  load(resourceKey: string, object: StoredObject): void {
    this.bucket(resourceKey).set(objectKey(object.metadata.namespace, object.metadata.name), object);
    const version = Number(object.metadata.resourceVersion);
    if (Number.isFinite(version) && version > this.revision) this.revision = version;
    this.oldestResumable = this.revision;
  }

  get(resourceKey: string, namespace: string | undefined, name: string): StoredObject | undefined {
    const found = this.objects.get(resourceKey)?.get(objectKey(namespace, name));
    return found ? deepClone(found) : undefined;
  }

  has(resourceKey: string, namespace: string | undefined, name: string): boolean {
    return this.objects.get(resourceKey)?.has(objectKey(namespace, name)) ?? false;
  }

  /** Objects sorted by namespace then name (the order continue tokens rely on). */
  list(resourceKey: string, namespace?: string): StoredObject[] {
    return this.select(resourceKey, namespace, () => true);
  }

  /**
   * Copies of the objects `accept` takes, in key order, stopping after `limit`;
   * `accept` sees the stored objects themselves and must not change them.
   */
  select(resourceKey: string, namespace: string | undefined, accept: (object: StoredObject, key: string) => boolean, limit = Infinity): StoredObject[] {
    const bucket = this.objects.get(resourceKey);
    if (!bucket) return [];
    const keys = [...bucket.keys()].sort();
    const result: StoredObject[] = [];
    for (const key of keys) {
      if (result.length >= limit) break;
      const object = bucket.get(key);
      if (!object) continue;
      if (namespace !== undefined && object.metadata.namespace !== namespace) continue;
      if (accept(object, key)) result.push(deepClone(object));
    }
    return result;
  }

  count(resourceKey: string): number {
    return this.objects.get(resourceKey)?.size ?? 0;
  }

  create(resourceKey: string, object: StoredObject): StoredObject {
    return this.write('ADDED', resourceKey, object);
  }

  update(resourceKey: string, object: StoredObject): StoredObject {
    return this.write('MODIFIED', resourceKey, object);
  }

  delete(resourceKey: string, object: StoredObject): StoredObject {
    const stored = deepClone(object);
    stored.metadata.resourceVersion = String(this.revision + 1);
    // Persist first (the backend records the consumed resourceVersion before the object goes).
    this.options.backend?.remove(resourceKey, stored);
    this.revision += 1;
    this.bucket(resourceKey).delete(objectKey(stored.metadata.namespace, stored.metadata.name));
    this.emit({ type: 'DELETED', resourceKey, resourceVersion: this.revision, object: stored });
    return deepClone(stored);
  }

  /** Events after `sinceVersion` for one resource, or undefined when they are no longer kept. */
  eventsSince(resourceKey: string, sinceVersion: number): ChangeEvent[] | undefined {
    if (sinceVersion < this.oldestResumable) return undefined;
    return this.history.filter((event) => event.resourceKey === resourceKey && event.resourceVersion > sinceVersion);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(type: ChangeType, resourceKey: string, object: StoredObject): StoredObject {
    const stored = deepClone(object);
    const previous = this.objects.get(resourceKey)?.get(objectKey(stored.metadata.namespace, stored.metadata.name));
    stored.metadata.resourceVersion = String(this.revision + 1);
    // Persist first: a failed write leaves memory, disk and the resourceVersion as they were.
    this.options.backend?.save(resourceKey, stored);
    this.revision += 1;
    this.bucket(resourceKey).set(objectKey(stored.metadata.namespace, stored.metadata.name), stored);
    const event: ChangeEvent = { type, resourceKey, resourceVersion: this.revision, object: stored };
    if (previous && type === 'MODIFIED') event.previous = previous;
    this.emit(event);
    return deepClone(stored);
  }

  private emit(event: ChangeEvent): void {
    this.history.push(event);
    if (this.history.length > this.options.historySize) {
      const dropped = this.history.splice(0, this.history.length - this.options.historySize);
      const last = dropped[dropped.length - 1];
      if (last) this.oldestResumable = last.resourceVersion;
    }
    for (const listener of this.listeners) listener(event);
  }

  private bucket(resourceKey: string): Map<string, StoredObject> {
    let bucket = this.objects.get(resourceKey);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(resourceKey, bucket);
    }
    return bucket;
  }
}
