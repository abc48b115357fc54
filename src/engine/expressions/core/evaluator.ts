// A tree-walking evaluator for parsed expressions, with expr-lang's runtime
// semantics: unknown names read as nil, `?.` stops a chain at nil, `and`/`or`
// short-circuit, functions are plain JS functions found in the environment
// (or expr-lang's builtins when the environment has no such name).

import type { Node, NodeOf } from './ast.js';
import { fetch, slice } from './access.js';
import { BUILTINS } from './builtins/index.js';
import { EvaluationFault, ExpressionError } from './errors.js';
import { binaryOperation } from './operators.js';
import { runPredicateBuiltin, type PredicateFrame } from './predicates.js';
import { closestName } from './suggest.js';
import { conversionMessage, goTypeName, isNil, setOwn } from './values.js';

/** Marks a chain cut short by `?.` on nil; the enclosing chain node turns it into nil. */
const CHAIN_BROKEN = Symbol('chain broken');

export type Environment = Readonly<Record<string, unknown>>;

export class Evaluation {
  private readonly locals: { name: string; value: unknown }[] = [];
  private readonly frames: PredicateFrame[] = [];

  constructor(
    private readonly source: string,
    private readonly env: Environment,
    /** Names that win over the environment (the template's quote(), asJSON()…). */
    private readonly overrides?: Environment,
  ) {}

  run(node: Node): unknown {
    const value = this.evaluate(node);
    return value === CHAIN_BROKEN ? null : value;
  }

  evaluate(node: Node): unknown {
    try {
      return this.dispatch(node);
    } catch (error) {
      if (error instanceof ExpressionError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ExpressionError(reason, this.source, node.at, error);
    }
  }

  /** The value of a predicate body for one element (used by filter/map/…). */
  evaluateWithFrame(body: Node, frame: PredicateFrame): unknown {
    this.frames.push(frame);
    try {
      return this.run(body);
    } finally {
      this.frames.pop();
    }
  }

  private dispatch(node: Node): unknown {
    switch (node.kind) {
      case 'nil':
        return null;
      case 'bool':
      case 'number':
      case 'string':
        return node.value;
      case 'array':
        return node.items.map((item) => this.run(item));
      case 'map':
        return this.buildMap(node);
      case 'identifier':
        return this.lookup(node.name) ?? null;
      case 'pointer':
        return this.pointer(node);
      case 'member':
        return this.member(node);
      case 'slice':
        return this.slice(node);
      case 'call':
        return this.call(node);
      case 'builtin':
        return runPredicateBuiltin(node.name, node.args, this);
      case 'predicate':
        throw new EvaluationFault('a predicate is only allowed as an argument of a builtin');
      case 'unary':
        return unary(node.operator, this.run(node.operand));
      case 'binary':
        return this.binary(node);
      case 'conditional':
        return this.run(asBool(this.run(node.condition)) ? node.then : node.otherwise);
      case 'chain': {
        const value = this.evaluate(node.node);
        return value === CHAIN_BROKEN ? null : value;
      }
      case 'let':
        return this.withLocal(node.name, this.run(node.value), () => this.run(node.body));
      case 'sequence': {
        let last: unknown = null;
        for (const item of node.nodes) last = this.run(item);
        return last;
      }
    }
  }

  private buildMap(node: NodeOf<'map'>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of node.pairs) {
      const key = this.run(pair.key);
      setOwn(out, typeof key === 'string' ? key : String(key), this.run(pair.value));
    }
    return out;
  }

  private lookup(name: string): unknown {
    for (let index = this.locals.length - 1; index >= 0; index--) {
      const local = this.locals[index]!;
      if (local.name === name) return local.value;
    }
    if (name === '$env') return this.env;
    if (this.overrides && Object.hasOwn(this.overrides, name)) return this.overrides[name];
    if (Object.hasOwn(this.env, name)) return this.env[name] ?? null;
    return undefined;
  }

  private pointer(node: NodeOf<'pointer'>): unknown {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) throw new EvaluationFault('cannot use pointer accessor outside predicate');
    switch (node.name) {
      case '':
        return frame.element;
      case 'index':
        return frame.index;
      case 'acc':
        return frame.accumulator ?? null;
      default:
        throw new EvaluationFault(`unknown pointer #${node.name}`);
    }
  }

  private member(node: NodeOf<'member'>): unknown {
    const object = this.evaluate(node.object);
    if (object === CHAIN_BROKEN) return CHAIN_BROKEN;
    if (node.optional && isNil(object)) return CHAIN_BROKEN;
    return fetch(object, this.run(node.property));
  }

  private slice(node: NodeOf<'slice'>): unknown {
    const object = this.evaluate(node.object);
    if (object === CHAIN_BROKEN) return CHAIN_BROKEN;
    const from = node.from ? this.run(node.from) : null;
    const to = node.to ? this.run(node.to) : null;
    return slice(object, from, to);
  }

  private call(node: NodeOf<'call'>): unknown {
    let fn: unknown;
    if (node.callee.kind === 'identifier') {
      const name = node.callee.name;
      fn = this.lookup(name);
      if (fn === undefined) {
        const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
        if (builtin) return builtin(node.args.map((arg) => this.run(arg)));
        throw new EvaluationFault(this.unknownFunction(name));
      }
    } else {
      fn = this.evaluate(node.callee);
      if (fn === CHAIN_BROKEN) return CHAIN_BROKEN;
    }
    if (isNil(fn)) throw new EvaluationFault('invalid operation: cannot call nil');
    if (typeof fn !== 'function') {
      throw new EvaluationFault(`invalid operation: cannot call non-function of type ${goTypeName(fn)}`);
    }
    const args = node.args.map((arg) => this.run(arg));
    return normalize(fn(...args));
  }

  /** expr's own words, then which name was meant when it looks like a typo. */
  private unknownFunction(name: string): string {
    const known = [...Object.keys(this.env), ...Object.keys(this.overrides ?? {}), ...Object.keys(BUILTINS)];
    const functions = known.filter((candidate) => typeof (this.lookup(candidate) ?? BUILTINS[candidate]) === 'function');
    const suggestion = closestName(name, functions);
    const hint = suggestion ? `; did you mean ${suggestion}()?` : '';
    return `invalid operation: cannot call nil (no function named ${JSON.stringify(name)}${hint})`;
  }

  private binary(node: NodeOf<'binary'>): unknown {
    switch (node.operator) {
      case 'and':
      case '&&':
        return asBool(this.run(node.left)) ? this.run(node.right) : false;
      case 'or':
      case '||':
        return asBool(this.run(node.left)) ? true : this.run(node.right);
      case '??': {
        const left = this.run(node.left);
        return isNil(left) ? this.run(node.right) : left;
      }
      default:
        return binaryOperation(node.operator, this.run(node.left), this.run(node.right));
    }
  }

  private withLocal(name: string, value: unknown, body: () => unknown): unknown {
    this.locals.push({ name, value });
    try {
      return body();
    } finally {
      this.locals.pop();
    }
  }
}

function unary(operator: string, value: unknown): unknown {
  switch (operator) {
    case '-':
      if (typeof value !== 'number') throw new EvaluationFault(`invalid operation: - ${goTypeName(value)}`);
      return -value;
    case '+':
      if (typeof value !== 'number') throw new EvaluationFault(`invalid operation: + ${goTypeName(value)}`);
      return value;
    default:
      return !asBool(value);
  }
}

/** What the VM's `x.(bool)` demands of a condition or a `!`/`and`/`or` operand. */
export function asBool(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new EvaluationFault(conversionMessage(value, 'bool'));
  return value;
}

/** Functions may return undefined; the language only knows nil. */
function normalize(value: unknown): unknown {
  return value === undefined ? null : value;
}
