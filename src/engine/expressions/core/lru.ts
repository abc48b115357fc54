// A bounded cache that evicts the least recently used entries. A hit only
// stamps the entry (no Map churn, which made hits cost a microsecond); when
// the cache overflows, the oldest tenth is evicted in one pass.

export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; used: number }>();
  private clock = 0;

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = ++this.clock;
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.set(key, { value, used: ++this.clock });
    if (this.entries.size > this.capacity) this.evictOldest(Math.max(1, Math.floor(this.capacity / 10)));
  }

  get size(): number {
    return this.entries.size;
  }

  private evictOldest(count: number): void {
    const oldest = [...this.entries].sort((a, b) => a[1].used - b[1].used).slice(0, count);
    for (const [key] of oldest) this.entries.delete(key);
  }
}
