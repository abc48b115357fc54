// The subset of Kubernetes client-go JSONPath the web provider needs
// (k8s.io/client-go/util/jsonpath, without range/end): text outside braces
// is itself a result; inside braces `$`, `.field`, `..field`, `['field']`,
// `[n]`, `[a:b]`, `[*]`, `.*`, unions and `[?(@.x == "y")]` filters. A field
// missing from every input is an error ("<field> is not found"), as client-go
// reports it without AllowMissingKeys.

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'union'; names: string[] }
  | { kind: 'filter'; path: Step[]; operator?: string; literal?: unknown };

type Segment = { kind: 'text'; text: string } | { kind: 'path'; steps: Step[] };

export interface JsonPath {
  /** One list of matches per segment of the template, in order. */
  find(data: unknown): unknown[][];
}

/** Parses a template such as `{$.data.ok}`; throws an Error on bad syntax. */
export function parseJsonPath(template: string): JsonPath {
  const segments = parseTemplate(template);
  return { find: (data) => segments.map((segment) => (segment.kind === 'text' ? [segment.text] : evaluate(segment.steps, [data]))) };
}

function parseTemplate(template: string): Segment[] {
  const segments: Segment[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf('{', position);
    if (open < 0) {
      segments.push({ kind: 'text', text: template.slice(position) });
      break;
    }
    if (open > position) segments.push({ kind: 'text', text: template.slice(position, open) });
    const close = findClose(template, open);
    if (close < 0) throw new Error('unclosed action');
    segments.push({ kind: 'path', steps: parseSteps(template.slice(open + 1, close).trim()) });
    position = close + 1;
  }
  return segments;
}

function findClose(text: string, open: number): number {
  let quote: string | undefined;
  for (let index = open + 1; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '}') return index;
  }
  return -1;
}

function parseSteps(source: string): Step[] {
  const steps: Step[] = [];
  let rest = source.startsWith('$') ? source.slice(1) : source;
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = /^\.\.([\w-]+)/.exec(rest))) steps.push({ kind: 'recursive', name: match[1] ?? '' });
    else if ((match = /^\.\*/.exec(rest))) steps.push({ kind: 'wildcard' });
    else if ((match = /^\.([\w-]+)/.exec(rest))) steps.push({ kind: 'field', name: match[1] ?? '' });
    else if ((match = /^\[\*\]/.exec(rest))) steps.push({ kind: 'wildcard' });
    else if ((match = /^\[(-?\d+)\]/.exec(rest))) steps.push({ kind: 'index', index: Number(match[1]) });
    else if ((match = /^\[(-?\d*):(-?\d*)\]/.exec(rest))) {
      steps.push({ kind: 'slice', start: match[1] ? Number(match[1]) : undefined, end: match[2] ? Number(match[2]) : undefined });
    } else if ((match = /^\[((?:\s*(?:'[^']*'|"[^"]*")\s*,?)+)\]/.exec(rest))) {
      const names = [...(match[1] ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)].map((name) => name[1] ?? name[2] ?? '');
      steps.push(names.length === 1 ? { kind: 'field', name: names[0] ?? '' } : { kind: 'union', names });
    } else if ((match = /^\[\?\(\s*@((?:\.[\w-]+)*)\s*(?:(==|!=|<=|>=|<|>)\s*('[^']*'|"[^"]*"|-?[\d.]+|true|false|null))?\s*\)\]/.exec(rest))) {
      steps.push({ kind: 'filter', path: parseSteps(match[1] ?? ''), operator: match[2], literal: match[3] === undefined ? undefined : literalOf(match[3]) });
    } else if (rest === '.') {
      break;
    } else {
      throw new Error(`unrecognized character in action: ${JSON.stringify(rest.charAt(0))}`);
    }
    rest = rest.slice(match[0].length);
  }
  return steps;
}

function literalOf(text: string): unknown {
  if (text.startsWith("'") || text.startsWith('"')) return text.slice(1, -1);
  return JSON.parse(text) as unknown;
}

function evaluate(steps: readonly Step[], input: unknown[]): unknown[] {
  let values = input;
  for (const step of steps) values = apply(step, values);
  return values;
}

function apply(step: Step, values: unknown[]): unknown[] {
  switch (step.kind) {
    case 'field':
      return field(values, step.name);
    case 'union':
      return step.names.flatMap((name) => field(values, name));
    case 'recursive': {
      const found = values
        .flatMap((value) => descendants(value))
        .filter(isObject)
        .filter((value) => Object.hasOwn(value, step.name));
      if (found.length === 0) throw new Error(`${step.name} is not found`);
      return found.map((value) => value[step.name]);
    }
    case 'wildcard':
      return values.flatMap((value) => (Array.isArray(value) ? value : isObject(value) ? Object.values(value) : []));
    case 'index':
      return values.map((value) => {
        const array = asArray(value);
        const index = step.index < 0 ? array.length + step.index : step.index;
        if (index < 0 || index >= array.length) throw new Error(`array index out of bounds: index ${step.index}, length ${array.length}`);
        return array[index];
      });
    case 'slice':
      return values.flatMap((value) => asArray(value).slice(step.start, step.end));
    case 'filter':
      return values.flatMap((value) => asArray(value).filter((item) => passes(step, item)));
  }
}

function field(values: unknown[], name: string): unknown[] {
  const found = values
    .filter(isObject)
    .filter((value) => Object.hasOwn(value, name))
    .map((value) => value[name]);
  if (found.length === 0 && values.length > 0) throw new Error(`${name} is not found`);
  return found;
}

function passes(step: Extract<Step, { kind: 'filter' }>, item: unknown): boolean {
  let values: unknown[];
  try {
    values = evaluate(step.path, [item]);
  } catch {
    return false;
  }
  if (!step.operator) return values.length > 0;
  return values.some((value) => compare(value, step.operator ?? '==', step.literal));
}

function compare(value: unknown, operator: string, literal: unknown): boolean {
  switch (operator) {
    case '==':
      return value === literal;
    case '!=':
      return value !== literal;
  }
  if (typeof value !== 'number' || typeof literal !== 'number') return false;
  if (operator === '<') return value < literal;
  if (operator === '<=') return value <= literal;
  if (operator === '>') return value > literal;
  return value >= literal;
}

function descendants(value: unknown): unknown[] {
  const children = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
  return [value, ...children.flatMap(descendants)];
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new Error(`${JSON.stringify(value)} is not array or slice`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
