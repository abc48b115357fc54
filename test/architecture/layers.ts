// The rules of the house: which layer of src/ may import which. Each key is a
// folder of src/ (or `top` for the files directly in src/); an import of a
// layer that is not listed breaks the build's boundary test.

export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  /** IO streams, Clock, deadlines, failures, atomic files: the ground floor. */
  runtime: [],
  /** Shapes and well-known facts of Kargo's and Argo's objects. */
  model: [],
  /** Pure decisions, clock passed in. */
  rules: ['model', 'runtime'],
  /** The CLI's words for the rules' decisions. */
  explain: ['model', 'rules', 'runtime'],
  /** The only cluster access. */
  kube: ['model', 'rules', 'runtime'],
  /** The embedded API server: nothing of the rest but the ground floor. */
  server: ['runtime'],
  sandbox: ['server', 'kube', 'model', 'runtime'],
  /** The promotion engine: reaches the cluster only through the client interface. */
  engine: ['kube', 'model', 'rules', 'runtime'],
  /** Argo Rollouts' analysis semantics; conditions use the engine's expression language. */
  analysis: ['engine', 'kube', 'model', 'runtime'],
  /** The embedded Kargo controller. */
  controller: ['analysis', 'engine', 'kube', 'model', 'rules', 'runtime'],
  /** What a command does against a cluster. */
  usecases: ['explain', 'kube', 'model', 'rules', 'runtime'],
  /** All formatting. */
  output: ['explain', 'kube', 'model', 'rules', 'runtime', 'usecases'],
  /** What commands share: session, global flags, errors → exit codes, completion. */
  cli: ['explain', 'kube', 'model', 'output', 'rules', 'runtime', 'sandbox', 'usecases'],
  /** One file per command, plus commands/shared/. */
  commands: ['analysis', 'cli', 'controller', 'engine', 'explain', 'kube', 'model', 'output', 'rules', 'runtime', 'sandbox', 'usecases'],
  /** src/main.ts and the command tree: may import anything. */
  top: ['*'],
};
