// Parses a kubectl JSONPath template the way client-go's parser does, quirks
// included: `['a.b']` is the path a → b (escape dots as `a\.b` instead), `[*]` is
// the slice `[:]`, and a filter's right side is one quoted string, number or path.

import { type ListNode, JsonPathSyntaxError, type PathNode, type SliceBound } from './nodes.js';
import { unquoteGo } from '../go-unquote.js';

const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const COMPARISON = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

/** The template as a list of text nodes and `{…}` actions (list nodes). */
export function parseTemplate(template: string): PathNode[] {
  const root: PathNode[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf('{', position);
    if (open < 0) {
      root.push({ kind: 'text', text: template.slice(position) });
      break;
    }
    if (open > position) root.push({ kind: 'text', text: template.slice(position, open) });
    const action = new ActionParser(template, open + 1);
    root.push(action.parse());
    position = action.position;
  }
  return root;
}

/** One `{…}` action, or the text of a filter side or union member as if it were braced. */
function parseAction(text: string): ListNode {
  const nodes = parseTemplate(`{${text}}`);
  const first = nodes[0];
  if (nodes.length !== 1 || first?.kind !== 'list') throw new JsonPathSyntaxError(`invalid action ${text}`);
  return first;
}

class ActionParser {
  private readonly list: ListNode = { kind: 'list', nodes: [] };

  constructor(
    private readonly input: string,
    public position: number,
  ) {}

  parse(): ListNode {
    for (;;) {
      const rest = this.input.slice(this.position);
      if (rest.startsWith('}')) {
        this.position++;
        return this.list;
      }
      if (rest.startsWith('[?(')) this.parseFilter();
      else if (rest.startsWith('..')) this.parseRecursive();
      else this.parseNext();
    }
  }

  private parseNext(): void {
    const char = this.input[this.position];
    if (char === undefined || char === '\n' || char === '\r') throw new JsonPathSyntaxError('unclosed action');
    if (char === ' ' || char === '@' || char === '$') {
      this.position++;
    } else if (char === '[') {
      this.parseArray();
    } else if (char === '"' || char === "'") {
      this.parseQuote(char);
    } else if (char === '.') {
      this.position++;
      this.parseField();
    } else if (char === '+' || char === '-' || isDigit(char)) {
      this.parseNumber();
    } else if (isAlphaNumeric(char)) {
      this.parseIdentifier();
    } else {
      const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      throw new JsonPathSyntaxError(`unrecognized character in action: U+${code} '${char}'`);
    }
  }

  private parseField(): void {
    const start = this.position;
    while (this.position < this.input.length) {
      const char = this.input[this.position] ?? '';
      if (char === '\\') this.position += 2;
      else if (isTerminator(char)) break;
      else this.position++;
    }
    const name = this.input.slice(start, this.position);
    this.list.nodes.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name: name.replaceAll('\\', '') });
  }

  private parseRecursive(): void {
    if (this.list.nodes.at(-1)?.kind === 'recursive') throw new JsonPathSyntaxError('invalid multiple recursive descent');
    this.position += 2;
    this.list.nodes.push({ kind: 'recursive' });
    if (isAlphaNumeric(this.input[this.position] ?? '')) this.parseField();
  }

  private parseIdentifier(): void {
    const start = this.position;
    while (this.position < this.input.length && !isTerminator(this.input[this.position] ?? '')) this.position++;
    const name = this.input.slice(start, this.position);
    this.list.nodes.push(name === 'true' || name === 'false' ? { kind: 'bool', value: name === 'true' } : { kind: 'identifier', name });
  }

  private parseNumber(): void {
    const start = this.position;
    if (this.input[this.position] === '+' || this.input[this.position] === '-') this.position++;
    while (this.input[this.position] === '.' || isDigit(this.input[this.position] ?? '')) this.position++;
    const text = this.input.slice(start, this.position);
    if (/^[+-]?\d+$/.test(text)) this.list.nodes.push({ kind: 'int', value: Number.parseInt(text, 10) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) this.list.nodes.push({ kind: 'float', value: Number.parseFloat(text) });
    else throw new JsonPathSyntaxError(`cannot parse number ${text}`);
  }

  private parseQuote(quote: string): void {
    const start = this.position;
    this.position++;
    for (;;) {
      const char = this.input[this.position];
      if (char === undefined || char === '\n') throw new JsonPathSyntaxError('unterminated quoted string');
      this.position++;
      if (char === quote && this.input[this.position - 2] !== '\\') break;
    }
    const quoted = this.input.slice(start, this.position);
    const text = unquoteGo(quoted);
    if (text === undefined) throw new JsonPathSyntaxError(`unquote string ${quoted} error invalid syntax`);
    this.list.nodes.push({ kind: 'text', text });
  }

  private parseArray(): void {
    const close = this.input.slice(this.position).search(/[\]\n]/);
    if (close < 0 || this.input[this.position + close] === '\n') throw new JsonPathSyntaxError('unterminated array');
    let text = this.input.slice(this.position + 1, this.position + close);
    this.position += close + 1;
    if (text === '*') text = ':';
    const members = text.split(',');
    if (members.length > 1) {
      this.list.nodes.push({ kind: 'union', lists: members.map((member) => parseAction(`[${member.trim()}]`)) });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      this.list.nodes.push(...parseAction(`.${key[1] ?? ''}`).nodes);
      return;
    }
    this.list.nodes.push({ kind: 'array', bounds: sliceBounds(text) });
  }

  private parseFilter(): void {
    this.position += 3;
    const start = this.position;
    let opened = false;
    let closed = false;
    let pair = '';
    for (;;) {
      const char = this.input[this.position];
      if (char === undefined || char === '\n') throw new JsonPathSyntaxError('unterminated filter');
      this.position++;
      if (char === '"' || char === "'") {
        if (!opened) {
          opened = true;
          pair = char;
        } else if (this.input[this.position - 2] !== '\\' && char === pair) {
          closed = true;
        }
      } else if (char === ')' && opened === closed) {
        break;
      }
    }
    if (this.input[this.position] !== ']') throw new JsonPathSyntaxError('unclosed array expect ]');
    this.position++;
    const text = this.input.slice(start, this.position - 2);
    const comparison = COMPARISON.exec(text);
    if (!comparison) {
      this.list.nodes.push({ kind: 'filter', left: parseAction(text), right: { kind: 'list', nodes: [] }, operator: 'exists' });
      return;
    }
    const [, left = '', operator = '', right = ''] = comparison;
    this.list.nodes.push({ kind: 'filter', left: parseAction(left), right: parseAction(right), operator });
  }
}

function sliceBounds(text: string): [SliceBound, SliceBound, SliceBound] {
  const match = SLICE.exec(text);
  if (!match) throw new JsonPathSyntaxError(`invalid array index ${text}`);
  const parts = [match[1] ?? '', match[2] ?? '', match[3] ?? ''];
  const bounds: SliceBound[] = [];
  parts.forEach((part, index) => {
    const digits = index > 0 ? part.slice(1) : part;
    if (part !== '' && !(index > 0 && digits === '')) {
      const value = Number.parseInt(digits, 10);
      if (Number.isNaN(value)) throw new JsonPathSyntaxError(`array index ${digits} is not a number`);
      bounds.push({ known: true, value });
    } else if (part === '' && index === 1) {
      bounds.push({ known: true, value: (bounds[0]?.value ?? 0) + 1, derived: true });
    } else {
      bounds.push({ known: false, value: 0 });
    }
  });
  return bounds as [SliceBound, SliceBound, SliceBound];
}

function isTerminator(char: string): boolean {
  return char === '' || ' \t\r\n.,[]$@{}'.includes(char);
}

function isDigit(char: string): boolean {
  return /^\p{Nd}$/u.test(char);
}

function isAlphaNumeric(char: string): boolean {
  return char === '_' || /^[\p{L}\p{Nd}]$/u.test(char);
}
