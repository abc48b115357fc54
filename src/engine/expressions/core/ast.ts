// The syntax tree of an expression. `at` is the source offset an error at
// this node is reported at (the operator, the property, the callee…).

export type Node =
  | { kind: 'nil'; at: number }
  | { kind: 'bool'; value: boolean; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'array'; items: Node[]; at: number }
  | { kind: 'map'; pairs: { key: Node; value: Node }[]; at: number }
  | { kind: 'identifier'; name: string; at: number }
  /** `#`, `#acc`, `#index` or the implicit element of `.field` inside a predicate. */
  | { kind: 'pointer'; name: string; at: number }
  | { kind: 'member'; object: Node; property: Node; optional: boolean; at: number }
  | { kind: 'slice'; object: Node; from?: Node; to?: Node; at: number }
  | { kind: 'call'; callee: Node; args: Node[]; at: number }
  /** A builtin of expr-lang (resolved when the env does not define the name). */
  | { kind: 'builtin'; name: string; args: Node[]; at: number }
  /** The predicate argument of filter/map/all/…: evaluated once per element. */
  | { kind: 'predicate'; body: Node; at: number }
  | { kind: 'unary'; operator: string; operand: Node; at: number }
  | { kind: 'binary'; operator: string; left: Node; right: Node; at: number }
  | { kind: 'conditional'; condition: Node; then: Node; otherwise: Node; at: number }
  /** The end of an optional chain (`a?.b.c`): a nil short-circuit stops here. */
  | { kind: 'chain'; node: Node; at: number }
  | { kind: 'let'; name: string; value: Node; body: Node; at: number }
  | { kind: 'sequence'; nodes: Node[]; at: number };

export type NodeOf<K extends Node['kind']> = Extract<Node, { kind: K }>;
