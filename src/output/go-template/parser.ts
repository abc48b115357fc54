// Parses the tokens of a Go text/template into a tree: text, {{pipeline}}
// actions, if/else, range/else, with/else, break/continue; variables declared
// with := or assigned with =.

import { lex, TemplateSyntaxError, type Token } from './lexer.js';

export type Operand =
  | { kind: 'dot'; fields: string[] }
  | { kind: 'field'; fields: string[] }
  | { kind: 'variable'; name: string; fields: string[] }
  | { kind: 'function'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number | bigint; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'nil' }
  | { kind: 'pipeline'; pipeline: Pipeline; fields: string[] };

export interface Command {
  args: Operand[];
}

export interface Pipeline {
  line: number;
  /** The action's source, for error messages (`at <.a.b>`). */
  text: string;
  variables: string[];
  assign: boolean;
  commands: Command[];
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: Pipeline }
  | { kind: 'if' | 'with' | 'range'; pipeline: Pipeline; list: TemplateNode[]; elseList: TemplateNode[] }
  | { kind: 'break' | 'continue' };

const CONTROL = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

export function parseGoTemplate(source: string, functions: ReadonlySet<string>): TemplateNode[] {
  const parser = new Parser(lex(source), functions);
  const { list, ending } = parser.list(0);
  if (ending) parser.fail(`unexpected {{${ending}}}`);
  return list;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly functions: ReadonlySet<string>,
  ) {}

  fail(message: string): never {
    throw new TemplateSyntaxError(`template: output:${this.peek().line}: ${message}`);
  }

  /** Nodes up to {{end}} or {{else}} (returned as `ending`) or the end of the template. */
  list(rangeDepth: number): { list: TemplateNode[]; ending?: 'end' | 'else' } {
    const list: TemplateNode[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'eof') return { list };
      if (token.kind === 'text') {
        list.push({ kind: 'text', text: token.text });
        continue;
      }
      const word = this.peek();
      if (word.kind === 'identifier' && CONTROL.has(word.text)) {
        this.next();
        if (word.text === 'end' || word.text === 'else') return { list, ending: word.text };
        list.push(this.control(word.text, rangeDepth));
        continue;
      }
      list.push({ kind: 'action', pipeline: this.pipeline('command') });
    }
  }

  private control(word: string, rangeDepth: number): TemplateNode {
    if (word === 'break' || word === 'continue') {
      if (rangeDepth === 0) this.fail(`{{${word}}} outside {{range}}`);
      this.expect('close', `unexpected ${this.peek().text} in {{${word}}}`);
      return { kind: word };
    }
    if (word !== 'if' && word !== 'with' && word !== 'range') this.fail(`{{${word}}} is not supported by kargo's Go templates`);
    const pipeline = this.pipeline(word);
    const depth = word === 'range' ? rangeDepth + 1 : rangeDepth;
    const body = this.list(depth);
    if (!body.ending) this.fail('unexpected EOF');
    let elseList: TemplateNode[] = [];
    if (body.ending === 'else') {
      const chained = this.peek();
      if ((word === 'if' || word === 'with') && chained.kind === 'identifier' && chained.text === word) {
        // {{else if …}} is {{else}}{{if …}}…{{end}} sharing the outer {{end}}.
        this.next();
        elseList = [this.control(word, rangeDepth)];
      } else {
        this.expect('close', `unexpected ${chained.text} in {{else}}`);
        const alternative = this.list(rangeDepth);
        if (alternative.ending !== 'end') this.fail(alternative.ending ? 'expected end; found {{else}}' : 'unexpected EOF');
        this.expect('close', 'unexpected token in {{end}}');
        elseList = alternative.list;
      }
    } else {
      this.expect('close', 'unexpected token in {{end}}');
    }
    return { kind: word, pipeline, list: body.list, elseList };
  }

  private pipeline(context: string): Pipeline {
    const start = this.index;
    const variables: string[] = [];
    let assign = false;
    const declaration = this.tokens.slice(this.index, this.index + 4);
    if (declaration[0]?.kind === 'variable') {
      if (declaration[1]?.kind === 'declare' || declaration[1]?.kind === 'assign') {
        variables.push(declaration[0].text);
        assign = declaration[1].kind === 'assign';
        this.index += 2;
      } else if (context === 'range' && declaration[1]?.kind === 'comma' && declaration[2]?.kind === 'variable' && declaration[3]?.kind === 'declare') {
        variables.push(declaration[0].text, declaration[2].text);
        this.index += 4;
      }
    }
    const commands: Command[] = [];
    for (;;) {
      commands.push(this.command());
      const token = this.next();
      if (token.kind === 'close' || token.kind === 'rparen') {
        if ((token.kind === 'close') !== (context !== 'paren')) this.fail(`unexpected ${JSON.stringify(token.text)} in ${context}`);
        break;
      }
      if (token.kind !== 'pipe') this.fail(`unexpected ${JSON.stringify(token.text)} in ${context}`);
    }
    const text = this.tokens
      .slice(start, this.index - 1)
      .map((token) => (token.spaced ? ' ' : '') + (token.kind === 'string' ? JSON.stringify(token.text) : token.text))
      .join('')
      .trim();
    return { line: this.tokens[start]?.line ?? 1, text, variables, assign, commands };
  }

  private command(): Command {
    const args: Operand[] = [];
    while (!['close', 'rparen', 'pipe', 'eof'].includes(this.peek().kind)) args.push(this.operand());
    if (this.peek().kind === 'eof') this.fail('unclosed action');
    if (args.length === 0) this.fail('missing value for command');
    return { args };
  }

  private operand(): Operand {
    const token = this.next();
    switch (token.kind) {
      case 'field':
        return { kind: 'field', fields: [token.text.slice(1), ...this.fields()] };
      case 'dot':
        return { kind: 'dot', fields: [] };
      case 'variable':
        return { kind: 'variable', name: token.text, fields: this.fields() };
      case 'string':
        return { kind: 'string', value: token.text };
      case 'number':
        return numberOperand(token.text, () => this.fail(`illegal number syntax: ${JSON.stringify(token.text)}`));
      case 'lparen': {
        const pipeline = this.pipeline('paren');
        return { kind: 'pipeline', pipeline, fields: this.fields() };
      }
      case 'identifier':
        if (token.text === 'true' || token.text === 'false') return { kind: 'bool', value: token.text === 'true' };
        if (token.text === 'nil') return { kind: 'nil' };
        if (!this.functions.has(token.text)) this.fail(`function ${JSON.stringify(token.text)} not defined`);
        return { kind: 'function', name: token.text };
      default:
        return this.fail(`unexpected ${JSON.stringify(token.text)} in operand`);
    }
  }

  /** `.a.b` right after an operand, with no space between. */
  private fields(): string[] {
    const fields: string[] = [];
    while (this.peek().kind === 'field' && !this.peek().spaced) fields.push(this.next().text.slice(1));
    return fields;
  }

  private expect(kind: Token['kind'], message: string): void {
    if (this.next().kind !== kind) this.fail(message);
  }

  private next(): Token {
    const token = this.tokens[this.index] as Token;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }
}

function numberOperand(text: string, invalid: () => never): Operand {
  const clean = text.replaceAll('_', '');
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9]\d*|0)$/.test(clean)) {
    const negative = clean.startsWith('-');
    const digits = clean.replace(/^[+-]/, '').replace(/^0([0-7]+)$/, '0o$1');
    const value = BigInt(digits);
    return { kind: 'number', value: negative ? -value : value, text };
  }
  const value = Number(clean);
  if (clean === '' || Number.isNaN(value)) invalid();
  return { kind: 'number', value, text };
}
