// Runs a parsed Go template over JSON data as text/template does with kubectl's
// options: missing map keys print "<no value>" (or fail, with
// --allow-missing-template-keys=false), a field of nothing is an error.

import { isMap, sortedEntries } from '../go-values.js';
import { FUNCTIONS, SHORT_CIRCUIT } from './functions.js';
import type { Command, Operand, Pipeline, TemplateNode } from './parser.js';
import { type GoValue, printValue, TemplateExecutionError, truthy, typeName } from './values.js';

const NO_FINAL = Symbol('no final value');
type Final = GoValue | typeof NO_FINAL;

class LoopControl {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Exact argument counts, or [minimum] for variadic functions, as Go checks them. */
const ARITY: Readonly<Record<string, number | [number]>> = {
  not: 1,
  len: 1,
  ne: 2,
  lt: 2,
  le: 2,
  gt: 2,
  ge: 2,
  json: 1,
  base64decode: 1,
  eq: [1],
  index: [1],
  slice: [1],
  printf: [1],
  exists: [1],
  and: [1],
  or: [1],
};

export function executeGoTemplate(nodes: TemplateNode[], data: unknown, allowMissingKeys: boolean): string {
  const execution = new Execution(data, allowMissingKeys);
  execution.list(data, nodes);
  return execution.output.join('');
}

class Execution {
  readonly output: string[] = [];
  private readonly variables: { name: string; value: GoValue }[];

  constructor(
    root: unknown,
    private readonly allowMissingKeys: boolean,
  ) {
    this.variables = [{ name: '$', value: root }];
  }

  list(dot: GoValue, nodes: TemplateNode[]): void {
    for (const node of nodes) this.node(dot, node);
  }

  private node(dot: GoValue, node: TemplateNode): void {
    switch (node.kind) {
      case 'text':
        this.output.push(node.text);
        return;
      case 'action': {
        const value = this.pipeline(dot, node.pipeline);
        if (node.pipeline.variables.length === 0) this.output.push(printValue(value));
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.variables.length;
        const value = this.pipeline(dot, node.pipeline);
        if (truthy(value)) this.list(node.kind === 'with' ? value : dot, node.list);
        else this.list(dot, node.elseList);
        this.variables.length = mark;
        return;
      }
      case 'range':
        this.range(dot, node);
        return;
      case 'break':
      case 'continue':
        throw new LoopControl(node.kind);
    }
  }

  private range(dot: GoValue, node: Extract<TemplateNode, { kind: 'if' | 'with' | 'range' }>): void {
    const mark = this.variables.length;
    const value = this.pipeline(dot, node.pipeline);
    const entries = rangeEntries(value, node.pipeline);
    const declared = node.pipeline.variables.length;
    for (const [key, element] of entries) {
      const iteration = this.variables.length;
      if (declared > 0) (this.variables[this.variables.length - 1] as { value: GoValue }).value = element;
      if (declared > 1) (this.variables[this.variables.length - 2] as { value: GoValue }).value = key;
      try {
        this.list(element, node.list);
      } catch (error) {
        if (!(error instanceof LoopControl)) throw error;
        if (error.kind === 'break') break;
      } finally {
        this.variables.length = iteration;
      }
    }
    if (entries.length === 0) this.list(dot, node.elseList);
    this.variables.length = mark;
  }

  private pipeline(dot: GoValue, pipeline: Pipeline): GoValue {
    let value: Final = NO_FINAL;
    try {
      for (const command of pipeline.commands) value = this.command(dot, command, value);
    } catch (error) {
      if (error instanceof TemplateExecutionError && !error.message.startsWith('template:')) {
        throw new TemplateExecutionError(`template: output:${pipeline.line}: executing "output" at <${pipeline.text}>: ${error.message}`);
      }
      throw error;
    }
    const result = value === NO_FINAL ? undefined : value;
    for (const name of pipeline.variables) {
      if (pipeline.assign) this.variable(name).value = result;
      else this.variables.push({ name, value: result });
    }
    return result;
  }

  private command(dot: GoValue, command: Command, final: Final): GoValue {
    const [first, ...rest] = command.args as [Operand, ...Operand[]];
    if (first.kind === 'function') return this.call(dot, first.name, rest, final);
    if (first.kind === 'field') return this.fieldChain(dot, first.fields, rest.length > 0 || final !== NO_FINAL);
    if (first.kind === 'nil') throw new TemplateExecutionError('nil is not a command');
    if (rest.length > 0 || final !== NO_FINAL) throw new TemplateExecutionError(`can't give argument to non-function ${describe(first)}`);
    return this.argument(dot, first);
  }

  private argument(dot: GoValue, operand: Operand): GoValue {
    switch (operand.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.fieldChain(dot, operand.fields, false);
      case 'variable':
        return this.fields(this.variable(operand.name).value, operand.fields, false);
      case 'pipeline':
        return this.fields(this.pipeline(dot, operand.pipeline), operand.fields, false);
      case 'function':
        return this.call(dot, operand.name, [], NO_FINAL);
      case 'string':
      case 'number':
      case 'bool':
        return operand.value;
      case 'nil':
        return undefined;
    }
  }

  private call(dot: GoValue, name: string, operands: Operand[], final: Final): GoValue {
    const count = operands.length + (final === NO_FINAL ? 0 : 1);
    const arity = ARITY[name];
    if (typeof arity === 'number' && count !== arity) throw new TemplateExecutionError(`wrong number of args for ${name}: want ${arity} got ${count}`);
    if (Array.isArray(arity) && count < arity[0]) throw new TemplateExecutionError(`wrong number of args for ${name}: want at least ${arity[0]} got ${count}`);
    const values = (function* (execution: Execution) {
      for (const operand of operands) yield execution.argument(dot, operand);
      if (final !== NO_FINAL) yield final;
    })(this);
    if (SHORT_CIRCUIT.has(name)) {
      let last: GoValue;
      for (const value of values) {
        last = value;
        if (truthy(value) === (name === 'or')) return value;
      }
      return last;
    }
    const fn = FUNCTIONS[name];
    if (!fn) throw new TemplateExecutionError(`function ${JSON.stringify(name)} not defined`);
    return fn([...values]);
  }

  /** `.a.b` from dot; `hasArguments` only matters for the last field, which cannot take any. */
  private fieldChain(dot: GoValue, fields: string[], hasArguments: boolean): GoValue {
    return this.fields(dot, fields, hasArguments);
  }

  private fields(receiver: GoValue, fields: string[], hasArguments: boolean): GoValue {
    let value = receiver;
    fields.forEach((name, index) => {
      if (hasArguments && index === fields.length - 1 && isMap(value)) throw new TemplateExecutionError(`${name} is not a method but has arguments`);
      value = this.field(value, name);
    });
    return value;
  }

  /** A field of nothing (a missing key) is nothing, as in Go; a field of JSON null is an error. */
  private field(receiver: GoValue, name: string): GoValue {
    if (receiver === undefined) {
      if (this.allowMissingKeys) return undefined;
      throw new TemplateExecutionError(`nil data; no entry for key ${JSON.stringify(name)}`);
    }
    if (receiver === null) throw new TemplateExecutionError(`nil pointer evaluating interface {}.${name}`);
    if (!isMap(receiver)) throw new TemplateExecutionError(`can't evaluate field ${name} in type ${typeName(receiver)}`);
    if (Object.hasOwn(receiver, name)) return receiver[name];
    if (this.allowMissingKeys) return undefined;
    throw new TemplateExecutionError(`map has no entry for key ${JSON.stringify(name)}`);
  }

  private variable(name: string): { name: string; value: GoValue } {
    for (let index = this.variables.length - 1; index >= 0; index--) {
      const variable = this.variables[index];
      if (variable?.name === name) return variable;
    }
    throw new TemplateExecutionError(`undefined variable: ${name}`);
  }
}

function rangeEntries(value: GoValue, pipeline: Pipeline): [GoValue, GoValue][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((element, index) => [BigInt(index), element]);
  if (isMap(value)) return sortedEntries(value);
  if (typeof value === 'bigint') return Array.from({ length: Number(value) }, (_, index) => [BigInt(index), BigInt(index)]);
  throw new TemplateExecutionError(
    `template: output:${pipeline.line}: executing "output" at <${pipeline.text}>: range can't iterate over ${printValue(value)}`,
  );
}

function describe(operand: Operand): string {
  switch (operand.kind) {
    case 'string':
      return JSON.stringify(operand.value);
    case 'number':
      return operand.text;
    case 'bool':
      return String(operand.value);
    case 'variable':
      return [operand.name, ...operand.fields].join('.');
    default:
      return '.';
  }
}
