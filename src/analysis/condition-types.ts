// The compile-time checks expr-lang makes with Argo's typed environment and
// the tree-walking core skips: `result` has its value's static type, so
// comparing it with a literal of another kind is an error (a JSON number with
// "200", a bool with 'true'), and a name outside the environment is unknown.

import { compileExpression } from '../engine/expressions/index.js';

type Node = ReturnType<typeof compileExpression>;

const EQUALITY = new Set(['==', '!=']);
const ORDERING = new Set(['<', '<=', '>', '>=']);

/** The first type error expr would report at compile time, or undefined. */
export function staticTypeError(source: string, env: Readonly<Record<string, unknown>>): string | undefined {
  const resultType = staticType(env['result']);
  return check(compileExpression(source), new Set(Object.keys(env)), resultType);
}

function check(node: Node, names: ReadonlySet<string>, resultType: string | undefined): string | undefined {
  switch (node.kind) {
    case 'identifier':
      return names.has(node.name) ? undefined : `unknown name ${node.name}`;
    case 'binary': {
      const mismatch = comparisonError(node.operator, node.left, node.right, resultType);
      return mismatch ?? check(node.left, names, resultType) ?? check(node.right, names, resultType);
    }
    case 'let':
      return check(node.value, names, resultType) ?? check(node.body, new Set([...names, node.name]), resultType);
    case 'call':
      return node.args.map((arg) => check(arg, names, resultType)).find(Boolean);
    case 'builtin':
      return node.args.map((arg) => check(arg, names, resultType)).find(Boolean);
    case 'member':
      return indexError(node.object, node.property, resultType) ?? check(node.object, names, resultType);
    case 'unary':
      return check(node.operand, names, resultType);
    case 'conditional':
      return check(node.condition, names, resultType) ?? check(node.then, names, resultType) ?? check(node.otherwise, names, resultType);
    case 'chain':
      return check(node.node, names, resultType);
    case 'array':
      return node.items.map((item) => check(item, names, resultType)).find(Boolean);
    case 'sequence':
      return node.nodes.map((item) => check(item, names, resultType)).find(Boolean);
    default:
      return undefined;
  }
}

/** `result[0]` where result is a number or a bool: nothing to index. */
function indexError(object: Node, property: Node, resultType: string | undefined): string | undefined {
  if (object.kind !== 'identifier' || object.name !== 'result' || property.kind !== 'number') return undefined;
  return resultType === 'float64' || resultType === 'bool' ? `type ${resultType}[int] is undefined` : undefined;
}

function comparisonError(operator: string, left: Node, right: Node, resultType: string | undefined): string | undefined {
  if (!EQUALITY.has(operator) && !ORDERING.has(operator)) return undefined;
  const leftType = operandType(left, resultType);
  const rightType = operandType(right, resultType);
  if (!leftType || !rightType) return undefined;
  if (isNumeric(leftType) && isNumeric(rightType)) return undefined;
  if (EQUALITY.has(operator) && leftType === rightType) return undefined;
  if (ORDERING.has(operator) && leftType === 'string' && rightType === 'string') return undefined;
  return `invalid operation: ${operator} (mismatched types ${leftType} and ${rightType})`;
}

/** The static type of `result` itself or of a literal; undefined for anything typed `any`. */
function operandType(node: Node, resultType: string | undefined): string | undefined {
  switch (node.kind) {
    case 'identifier':
      return node.name === 'result' ? resultType : undefined;
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'number':
      return Number.isInteger(node.value) && !/[.eE]/.test(String(node.value)) ? 'int' : 'float64';
    default:
      return undefined;
  }
}

function isNumeric(type: string): boolean {
  return type === 'int' || type === 'float64';
}

function staticType(value: unknown): string | undefined {
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => typeof item === 'number') ? '[]float64' : '[]interface {}';
  if (typeof value === 'object' && value !== null) return 'map[string]interface {}';
  return undefined;
}
