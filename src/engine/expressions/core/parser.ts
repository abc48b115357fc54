// A Pratt parser for expr-lang, following expr v1.17.8's parser/parser.go:
// the same precedence table, chained comparisons (`1 < x < 3`), negated
// operators (`not in`), optional chains, slices, pipes, predicates with `#`,
// `let`, `;` sequences and `if {…} else {…}`.

import type { Node } from './ast.js';
import { ExpressionError } from './errors.js';
import { BINARY, COMPARISONS, describe, NEGATABLE, PREDICATES, UNARY } from './grammar.js';
import { tokenize, type Token } from './lexer.js';
import { TokenCursor } from './token-cursor.js';

/** expr's conf.DefaultMaxNodes. */
const MAX_NODES = 10_000;
const TOO_LARGE = 'compilation failed: expression exceeds maximum allowed nodes';

export function parse(source: string): Node {
  try {
    const node = new Parser(source).parseAll();
    if (countNodes(node) > MAX_NODES) throw new ExpressionError(TOO_LARGE, source, 0);
    return node;
  } catch (error) {
    // Nesting deep enough to exhaust the stack is far past the node limit.
    if (error instanceof RangeError) throw new ExpressionError(TOO_LARGE, source, 0);
    throw error;
  }
}

/** Counts syntax nodes without recursion (a left-deep tree may be thousands deep). */
function countNodes(root: Node): number {
  let count = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (typeof value === 'object' && value !== null) {
      if ('kind' in value) count++;
      pending.push(...Object.values(value));
    }
  }
  return count;
}

class Parser extends TokenCursor {
  /** >0 while inside a predicate, where `#` and a leading `.` are allowed. */
  private predicateDepth = 0;

  constructor(source: string) {
    super(source, tokenize(source));
  }

  parseAll(): Node {
    const node = this.parseSequence();
    if (!this.is('EOF')) this.unexpected();
    return node;
  }

  private parseSequence(): Node {
    const first = this.parseExpression(0);
    const nodes = [first];
    while (this.is('Operator', ';')) {
      this.next();
      if (this.is('EOF') || this.is('Bracket', '}')) break;
      nodes.push(this.parseExpression(0));
    }
    return nodes.length === 1 ? first : { kind: 'sequence', nodes, at: first.at };
  }

  private parseExpression(precedence: number): Node {
    if (precedence === 0 && this.is('Operator', 'let')) return this.parseLet();
    if (precedence === 0 && this.is('Operator', 'if')) return this.parseIf();
    let left = this.parsePrimary();
    let previous = '';
    for (;;) {
      let opToken = this.current;
      if (opToken.kind !== 'Operator') break;
      let negate = false;
      if (opToken.value === 'not') {
        const following = this.tokens[this.position + 1];
        if (!following || !NEGATABLE.has(following.value)) this.unexpected(following ?? this.current);
        if (BINARY[following!.value]!.precedence < precedence) break;
        this.next();
        opToken = this.current;
        negate = true;
      }
      const op = BINARY[opToken.value];
      if (!op || op.precedence < precedence) break;
      this.next();
      if (opToken.value === '|') {
        const name = this.expect('Identifier');
        left = this.parseCall(name, [left]);
      } else {
        if (previous === '??' && opToken.value !== '??') {
          this.fail(`Operator (${opToken.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`, opToken.at);
        }
        if (COMPARISONS.has(opToken.value)) {
          left = this.parseComparison(left, opToken, op.precedence);
        } else {
          const right = this.parseExpression(op.right ? op.precedence : op.precedence + 1);
          left = { kind: 'binary', operator: opToken.value, left, right, at: opToken.at };
          if (negate) left = { kind: 'unary', operator: 'not', operand: left, at: opToken.at };
        }
      }
      previous = opToken.value;
    }
    return precedence === 0 ? this.parseTernary(left) : left;
  }

  /** `a < b < c` means `a < b && b < c`. */
  private parseComparison(left: Node, opToken: Token, precedence: number): Node {
    let root: Node | undefined;
    let token = opToken;
    for (;;) {
      const right = this.parseExpression(precedence + 1);
      const comparison: Node = { kind: 'binary', operator: token.value, left, right, at: token.at };
      root = root ? { kind: 'binary', operator: '&&', left: root, right: comparison, at: token.at } : comparison;
      left = right;
      token = this.current;
      if (!(token.kind === 'Operator' && COMPARISONS.has(token.value))) break;
      this.next();
    }
    return root;
  }

  private parseTernary(node: Node): Node {
    while (this.is('Operator', '?')) {
      const at = this.current.at;
      this.next();
      let then: Node;
      let otherwise: Node;
      if (this.is('Operator', ':')) {
        this.next();
        then = node;
        otherwise = this.parseExpression(0);
      } else {
        then = this.parseExpression(0);
        this.expect('Operator', ':');
        otherwise = this.parseExpression(0);
      }
      node = { kind: 'conditional', condition: node, then, otherwise, at };
    }
    return node;
  }

  private parseLet(): Node {
    this.expect('Operator', 'let');
    const name = this.expect('Identifier');
    this.expect('Operator', '=');
    const value = this.parseExpression(0);
    this.expect('Operator', ';');
    const body = this.parseSequence();
    return { kind: 'let', name: name.value, value, body, at: name.at };
  }

  private parseIf(): Node {
    const at = this.current.at;
    this.next();
    const condition = this.parseExpression(0);
    this.expect('Bracket', '{');
    const then = this.parseSequence();
    this.expect('Bracket', '}');
    this.expect('Operator', 'else');
    let otherwise: Node;
    if (this.is('Operator', 'if')) {
      otherwise = this.parseIf();
    } else {
      this.expect('Bracket', '{');
      otherwise = this.parseSequence();
      this.expect('Bracket', '}');
    }
    return { kind: 'conditional', condition, then, otherwise, at };
  }

  private parsePrimary(): Node {
    const token = this.current;
    if (token.kind === 'Operator' && UNARY[token.value] !== undefined) {
      this.next();
      const operand = this.parseExpression(UNARY[token.value]!);
      return this.parsePostfix({ kind: 'unary', operator: token.value, operand, at: token.at });
    }
    if (this.is('Bracket', '(')) {
      this.next();
      const inner = this.parseSequence();
      this.expect('Bracket', ')');
      return this.parsePostfix(inner);
    }
    if (this.predicateDepth > 0 && token.kind === 'Operator' && (token.value === '#' || token.value === '.')) {
      let name = '';
      if (token.value === '#') {
        this.next();
        if (this.is('Identifier')) {
          name = this.current.value;
          this.next();
        }
      }
      return this.parsePostfix({ kind: 'pointer', name, at: token.at });
    }
    return this.parseSecondary();
  }

  private parseSecondary(): Node {
    const token = this.current;
    let node: Node;
    switch (token.kind) {
      case 'Identifier':
        this.next();
        if (token.value === 'true' || token.value === 'false') {
          return { kind: 'bool', value: token.value === 'true', at: token.at };
        }
        if (token.value === 'nil') return { kind: 'nil', at: token.at };
        node = this.is('Bracket', '(') ? this.parseCall(token, []) : { kind: 'identifier', name: token.value, at: token.at };
        break;
      case 'Number':
        this.next();
        return { kind: 'number', value: this.parseNumber(token), at: token.at };
      case 'String':
        this.next();
        node = { kind: 'string', value: token.value, at: token.at };
        break;
      default:
        if (this.is('Bracket', '[')) node = this.parseArray();
        else if (this.is('Bracket', '{')) node = this.parseMap();
        else this.unexpected();
    }
    return this.parsePostfix(node);
  }

  /** expr checks hex first, then anything with `.`/`e` is a float, then binary, octal, decimal. */
  private parseNumber(token: Token): number {
    const text = token.value.replace(/_/g, '');
    const lower = text.toLowerCase();
    const float = !lower.startsWith('0x') && /[.e]/.test(lower);
    const value = float ? Number(/^[0-9.]/.test(text) ? text : 'x') : Number(lower);
    if (Number.isNaN(value)) {
      const kind = float ? 'float' : lower.startsWith('0x') ? 'hex' : lower.startsWith('0b') ? 'binary' : lower.startsWith('0o') ? 'octal' : 'integer';
      this.fail(`invalid ${kind} literal: strconv.Parse${float ? 'Float' : 'Int'}: parsing ${JSON.stringify(text)}: invalid syntax`);
    }
    if (float && !Number.isFinite(value)) this.fail('float literal is too large');
    if (!float && value > Number.MAX_SAFE_INTEGER) this.fail('integer literal is too large');
    return value;
  }

  private parseCall(name: Token, leading: Node[]): Node {
    const predicate = Object.hasOwn(PREDICATES, name.value) ? PREDICATES[name.value] : undefined;
    if (predicate) return this.parsePredicateCall(name, leading, predicate);
    const args = this.parseArguments(leading);
    return { kind: 'call', callee: { kind: 'identifier', name: name.value, at: name.at }, args, at: name.at };
  }

  private parsePredicateCall(name: Token, args: Node[], shape: { required: number; total: number }): Node {
    this.expect('Bracket', '(');
    const leading = args.length;
    for (let index = leading; index < shape.total; index++) {
      if (this.is('Bracket', ')')) {
        if (index < shape.required) this.fail(`expected at least ${shape.total - leading} arguments`);
        break;
      }
      if (index > leading) this.expect('Operator', ',');
      args.push(index === 1 ? this.parsePredicate() : this.parseExpression(0));
    }
    if (this.is('Operator', ',')) this.next();
    this.expect('Bracket', ')');
    return { kind: 'builtin', name: name.value, args, at: name.at };
  }

  private parsePredicate(): Node {
    const at = this.current.at;
    const braced = this.is('Bracket', '{');
    if (braced) this.next();
    this.predicateDepth++;
    const body = braced ? this.parseSequence() : this.parseExpression(0);
    if (!braced && this.is('Operator', ';')) this.fail('wrap predicate with brackets { and }');
    this.predicateDepth--;
    if (braced) this.expect('Bracket', '}');
    return { kind: 'predicate', body, at };
  }

  private parseArguments(args: Node[]): Node[] {
    const leading = args.length;
    this.expect('Bracket', '(');
    while (!this.is('Bracket', ')')) {
      if (args.length > leading) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ')')) break;
      }
      args.push(this.parseExpression(0));
    }
    this.expect('Bracket', ')');
    return args;
  }

  private parseArray(): Node {
    const at = this.expect('Bracket', '[').at;
    const items: Node[] = [];
    while (!this.is('Bracket', ']')) {
      if (items.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ']')) break;
      }
      items.push(this.parseExpression(0));
    }
    this.expect('Bracket', ']');
    return { kind: 'array', items, at };
  }

  private parseMap(): Node {
    const at = this.expect('Bracket', '{').at;
    const pairs: { key: Node; value: Node }[] = [];
    while (!this.is('Bracket', '}')) {
      if (pairs.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', '}')) break;
        if (this.is('Operator', ',')) this.unexpected();
      }
      let key: Node;
      const token = this.current;
      if (token.kind === 'Number' || token.kind === 'String' || token.kind === 'Identifier') {
        key = { kind: 'string', value: token.value, at: token.at };
        this.next();
      } else if (this.is('Bracket', '(')) {
        key = this.parseExpression(0);
      } else {
        this.fail(`a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${describe(token)})`);
      }
      this.expect('Operator', ':');
      pairs.push({ key, value: this.parseExpression(0) });
    }
    this.expect('Bracket', '}');
    return { kind: 'map', pairs, at };
  }

  private parsePostfix(start: Node): Node {
    let node = start;
    for (;;) {
      const token = this.current;
      const optional = token.value === '?.';
      if (token.kind === 'Operator' && (token.value === '.' || optional)) {
        this.next();
        if (optional && this.is('Bracket', '[')) {
          node = this.parseIndex(node, true);
          continue;
        }
        const property = this.current;
        this.next();
        if (property.kind !== 'Identifier' && !(property.kind === 'Operator' && /^[A-Za-z_]\w*$/.test(property.value))) {
          this.fail('expected name', property.at);
        }
        const inChain = node.kind === 'chain';
        const object = node.kind === 'chain' ? node.node : node;
        const member: Node = {
          kind: 'member',
          object,
          property: { kind: 'string', value: property.value, at: property.at },
          optional,
          at: property.at,
        };
        node = this.is('Bracket', '(') ? { kind: 'call', callee: member, args: this.parseArguments([]), at: property.at } : member;
        if (inChain || optional) node = { kind: 'chain', node, at: property.at };
      } else if (token.kind === 'Bracket' && token.value === '[') {
        node = this.parseIndex(node, false);
      } else {
        return node;
      }
    }
  }

  /** `[i]`, `[a:b]`, `[:b]`, `[a:]`, `[:]`, optionally after `?.`. */
  private parseIndex(node: Node, optional: boolean): Node {
    const at = this.expect('Bracket', '[').at;
    const inChain = node.kind === 'chain';
    const object = node.kind === 'chain' ? node.node : node;
    let from: Node | undefined;
    if (!this.is('Operator', ':')) from = this.parseExpression(0);
    if (this.is('Operator', ':')) {
      this.next();
      const to = this.is('Bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('Bracket', ']');
      const slice: Node = { kind: 'slice', object, at };
      if (from) slice.from = from;
      if (to) slice.to = to;
      return inChain ? { kind: 'chain', node: slice, at } : slice;
    }
    this.expect('Bracket', ']');
    const member: Node = { kind: 'member', object, property: from!, optional, at };
    return inChain || optional ? { kind: 'chain', node: member, at } : member;
  }
}
