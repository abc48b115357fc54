// The syntax tree of a kubectl JSONPath template (k8s.io/client-go/util/jsonpath):
// the template is a list of text and `{…}` actions; each action is a list of steps.

export interface SliceBound {
  known: boolean;
  value: number;
  /** `[n]` is the slice `[n:n+1]`; its end follows the start when the start is negative. */
  derived?: boolean;
}

export type PathNode =
  | { kind: 'list'; nodes: PathNode[] }
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string }
  | { kind: 'array'; bounds: [SliceBound, SliceBound, SliceBound] }
  | { kind: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'union'; lists: ListNode[] }
  | { kind: 'identifier'; name: string };

export type ListNode = Extract<PathNode, { kind: 'list' }>;

export class JsonPathSyntaxError extends Error {}
