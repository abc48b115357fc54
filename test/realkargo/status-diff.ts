// Compares what two controllers wrote: status trees with the values that must
// differ between two runs (times, uids, generated ids, Promotion names) replaced
// by stable placeholders, then listed as "path: kargo=… ours=…" lines.

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Kargo's Promotion names: <stage>.<ulid>.<freight sha prefix>. */
const PROMOTION_NAME = /\b[a-z0-9-]+\.[0-9a-z]{26}\.[0-9a-f]{7}\b/g;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Placeholders for one world: Promotion names become `<stage>#n` in creation order. */
export function normalizer(promotionNamesInOrder: string[]): (value: unknown) => Json {
  const labels = new Map<string, string>();
  const perStage = new Map<string, number>();
  for (const name of promotionNamesInOrder) {
    const stage = name.split('.')[0] ?? '';
    const n = (perStage.get(stage) ?? 0) + 1;
    perStage.set(stage, n);
    labels.set(name, `<${stage}#${n}>`);
  }
  const text = (value: string): string => {
    if (TIME.test(value)) return '<time>';
    if (UUID.test(value)) return '<uuid>';
    return value.replace(PROMOTION_NAME, (name) => labels.get(name) ?? '<promotion?>');
  };
  const field = (key: string, inner: unknown): Json => {
    if (key === 'uid' || key === 'resourceVersion') return '<id>';
    // A measured stay: Kargo has nanoseconds, we milliseconds, and no two runs stay alike.
    if (key === 'longestSoak') return '<duration>';
    // A list-map keyed by type (x-kubernetes-list-map-keys): its order carries no meaning.
    if (key === 'conditions' && Array.isArray(inner)) return walk([...inner].sort((a, b) => String(a.type).localeCompare(String(b.type))));
    return walk(inner);
  };
  const walk = (value: unknown): Json => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, inner]) => inner !== undefined)
          .map(([key, inner]) => [key, field(key, inner)]),
      );
    }
    return value as Json;
  };
  return walk;
}

/** Every leaf where the two trees differ, as `path: kargo=… ours=…`. */
export function differences(kargo: Json, ours: Json, path = ''): string[] {
  if (JSON.stringify(kargo) === JSON.stringify(ours)) return [];
  const bothObjects = kargo && ours && typeof kargo === 'object' && typeof ours === 'object' && Array.isArray(kargo) === Array.isArray(ours);
  if (!bothObjects) return [`${path || '.'}: kargo=${JSON.stringify(kargo)} ours=${JSON.stringify(ours)}`];
  const keys = new Set([...Object.keys(kargo as object), ...Object.keys(ours as object)]);
  return [...keys].flatMap((key) =>
    differences(
      (kargo as Record<string, Json>)[key] ?? null,
      (ours as Record<string, Json>)[key] ?? null,
      Array.isArray(kargo) ? `${path}[${key}]` : `${path}.${key}`,
    ),
  );
}
