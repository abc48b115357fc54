// Kargo's `${{ }}` templates (pkg/expressions/json_templates.go): every
// string inside a config object or array is a template; each `${{ … }}` or
// `${% … %}` in it is an expression whose value is spliced in as text (JSON
// for non-strings). The spliced text is then read back the way Kargo does:
// one trailing newline dropped, `"…"` unwrapped to a string, else a number,
// else a bool, else any JSON value, else the text itself.

import { evaluateExpression, ExpressionError, isMap, marshalJSON, parseGoFloat, setOwn, type Environment } from './core/index.js';
import { asJSON, asYAML, quote, unsafeQuote } from './functions/quote.js';

const DELIMITERS = [
  { start: '${{', end: '}}' },
  { start: '${%', end: '%}' },
] as const;

/** Only text starting like a JSON value is worth a (costly, when it throws) JSON.parse. */
const LOOKS_LIKE_JSON = /^\s*[[{"\-0-9tfn]/;

const TEMPLATE_FUNCTIONS: Environment = { quote, unsafeQuote, asYAML, asJSON };

const GO_BOOLS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/**
 * Evaluates every string in `value` (recursing into objects and arrays; keys
 * are left alone) as a template. Returns a new value; the input is not changed.
 */
export function evaluateTemplate(value: unknown, env: Environment): unknown {
  if (typeof value === 'string') return evaluateTemplateString(value, env);
  if (Array.isArray(value)) return value.map((item) => evaluateTemplate(item, env));
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, evaluateTemplate(item, env));
    return out;
  }
  return value;
}

function evaluateTemplateString(template: string, env: Environment): unknown {
  if (!DELIMITERS.some((delimiter) => template.includes(delimiter.start))) return template;
  return coerce(splice(template, env));
}

function splice(template: string, env: Environment): string {
  let out = '';
  let rest = template;
  for (;;) {
    const next = nextExpression(rest, template);
    if (!next) return out + rest;
    out += next.before;
    const value = evaluateExpression(next.expression, env, TEMPLATE_FUNCTIONS);
    out += typeof value === 'string' ? value : marshalJSON(value);
    rest = next.after;
  }
}

function nextExpression(template: string, whole: string): { before: string; expression: string; after: string } | undefined {
  let found: { index: number; start: string; end: string } | undefined;
  for (const delimiter of DELIMITERS) {
    const index = template.indexOf(delimiter.start);
    if (index >= 0 && (!found || index < found.index)) found = { index, ...delimiter };
  }
  if (!found) return undefined;
  const bodyStart = found.index + found.start.length;
  const bodyEnd = template.indexOf(found.end, bodyStart);
  if (bodyEnd < 0) {
    const reason = `unclosed expression: expected ${JSON.stringify(found.end)} but reached end of template`;
    throw new ExpressionError(reason, whole, whole.length - template.length + found.index);
  }
  return {
    before: template.slice(0, found.index),
    expression: template.slice(bodyStart, bodyEnd),
    after: template.slice(bodyEnd + found.end.length),
  };
}

function coerce(spliced: string): unknown {
  const removedNewline = spliced.endsWith('\n');
  const text = removedNewline ? spliced.slice(0, -1) : spliced;
  const restore = (result: string): string => (removedNewline ? `${result}\n` : result);
  if (text.length > 1 && text.startsWith('"') && text.endsWith('"')) return restore(text.slice(1, -1));
  const number = parseGoFloat(text);
  if (number !== undefined) return number;
  const bool = GO_BOOLS[text];
  if (bool !== undefined && Object.hasOwn(GO_BOOLS, text)) return bool;
  if (!LOOKS_LIKE_JSON.test(text)) return restore(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return restore(text);
  }
}
