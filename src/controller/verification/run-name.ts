// An AnalysisRun's name as Kargo v1.11.2's builder makes it
// (pkg/rollouts/options.go): `<stage[:218]>.<ulid>.<collection id[:7]>`,
// lower-cased. Unlike Promotion names, a cut exposing `.`/`-` is kept.

const MAX_PREFIX = 253 - (1 + 26) - (1 + 7);
const MAX_SUFFIX = 7;

export function analysisRunName(stage: string, collectionId: string, ulidText: string): string {
  const parts = [stage.slice(0, MAX_PREFIX), ulidText, collectionId.slice(0, MAX_SUFFIX)].filter((part) => part !== '');
  return parts.join('.').toLowerCase();
}
