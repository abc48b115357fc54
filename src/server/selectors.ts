// Label selectors (equality- and set-based) and the metadata field selectors
// every resource supports, parsed the way kube-apiserver parses them.

import { badRequest } from './status.js';
import type { StoredObject } from './types.js';

type Operator = 'equals' | 'notEquals' | 'in' | 'notIn' | 'exists' | 'doesNotExist' | 'greaterThan' | 'lessThan';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Matcher = (object: StoredObject) => boolean;

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  terms.push(current);
  return terms.map((term) => term.trim());
}

function checkKey(key: string): string {
  if (!LABEL_KEY.test(key))
    throw badRequest(
      `unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    throw badRequest(
      `unable to parse requirement: invalid label value: "${value}": at key: must be no more than 63 characters and consist of alphanumeric characters, '-', '_' or '.'`,
    );
  }
  return value;
}

function parseRequirement(term: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
  if (setMatch) {
    const [, key = '', operator, list = ''] = setMatch;
    const values = list.split(',').map((value) => checkValue(value.trim()));
    return { key: checkKey(key), operator: operator === 'in' ? 'in' : 'notIn', values };
  }
  const comparison = /^([^=!<>\s]+)\s*([<>])\s*(.*)$/.exec(term);
  if (comparison) {
    const [, key = '', operator, value = ''] = comparison;
    if (!/^-?\d+$/.test(value.trim())) throw badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
    return { key: checkKey(key), operator: operator === '>' ? 'greaterThan' : 'lessThan', values: [value.trim()] };
  }
  const equality = /^([^=!<>\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
  if (equality) {
    const [, key = '', operator, value = ''] = equality;
    return { key: checkKey(key), operator: operator === '!=' ? 'notEquals' : 'equals', values: [checkValue(value.trim())] };
  }
  if (term.startsWith('!')) return { key: checkKey(term.slice(1).trim()), operator: 'doesNotExist', values: [] };
  if (/^\S+$/.test(term)) return { key: checkKey(term), operator: 'exists', values: [] };
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}

function matches(requirement: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'equals':
    case 'in':
      return has && requirement.values.includes(value ?? '');
    case 'notEquals':
    case 'notIn':
      return !has || !requirement.values.includes(value ?? '');
    case 'exists':
      return has;
    case 'doesNotExist':
      return !has;
    case 'greaterThan':
    case 'lessThan': {
      if (!has || !/^-?\d+$/.test(value ?? '')) return false;
      const actual = Number(value);
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'greaterThan' ? actual > bound : actual < bound;
    }
  }
}

export function parseLabelSelector(selector: string | null): Matcher {
  if (!selector || selector.trim() === '') return () => true;
  const requirements = splitTerms(selector).map((term) => {
    if (term === '') throw badRequest(`unable to parse requirement: found '', expected: identifier`);
    return parseRequirement(term);
  });
  return (object) => requirements.every((requirement) => matches(requirement, object.metadata.labels ?? {}));
}

const FIELD_GETTERS: Record<string, (object: StoredObject) => string> = {
  'metadata.name': (object) => object.metadata.name,
  'metadata.namespace': (object) => object.metadata.namespace ?? '',
};

export function parseFieldSelector(selector: string | null): Matcher {
  if (!selector || selector.trim() === '') return () => true;
  const tests = splitTerms(selector).map((term) => {
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field = '', operator, value = ''] = match;
    const getter = FIELD_GETTERS[field];
    if (!getter) throw badRequest(`field label not supported: ${field}`);
    const negate = operator === '!=';
    return (object: StoredObject) => (getter(object) === value) !== negate;
  });
  return (object) => tests.every((test) => test(object));
}
