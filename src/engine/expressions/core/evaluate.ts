// The core language's entry points: parse once per distinct source (cached),
// evaluate against an environment.

import type { Node } from './ast.js';
import { Evaluation, type Environment } from './evaluator.js';
import { LruCache } from './lru.js';
import { parse } from './parser.js';

const PARSED = new LruCache<string, Node>(2000);

/** The syntax tree of `source`; throws ExpressionError when it is malformed. */
export function compileExpression(source: string): Node {
  let ast = PARSED.get(source);
  if (!ast) {
    ast = parse(source);
    PARSED.set(source, ast);
  }
  return ast;
}

/**
 * Evaluates one expr-lang expression. Names resolve to `env`'s own
 * properties (functions are plain JS functions there), then to expr-lang's
 * builtins; `overrides` win over `env`.
 */
export function evaluateExpression(source: string, env: Environment, overrides?: Environment): unknown {
  return new Evaluation(source, env, overrides).run(compileExpression(source));
}
