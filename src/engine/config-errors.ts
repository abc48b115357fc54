// Turns ajv's errors into gojsonschema's lines, since that is what Kargo
// prints for an invalid step config: `(root): path is required`,
// `checkout.0.branch: Invalid type. Expected: string, given: integer`.
// For a failed oneOf/anyOf, gojsonschema reports the combinator and then only
// the problems of the branch that came closest; so do we.

import type { ErrorObject } from 'ajv';

export function describeSchemaErrors(errors: readonly ErrorObject[]): string[] {
  return closestBranchesOnly(errors).flatMap((error) => {
    const line = describe(error);
    return line === undefined ? [] : [`${fieldOf(error.instancePath)}: ${line}`];
  });
}

function fieldOf(instancePath: string): string {
  if (instancePath === '') return '(root)';
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const listOf = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

function describe(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  const field = fieldOf(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `${String(params.missingProperty)} is required`;
    case 'additionalProperties':
      return `Additional property ${String(params.additionalProperty)} is not allowed`;
    case 'type':
      return `Invalid type. Expected: ${String(params.type)}, given: ${jsonTypeOf(error.data)}`;
    case 'enum':
      return `${field} must be one of the following: ${listOf(params.allowedValues as unknown[])}`;
    case 'const':
      return `${field} does not match: ${JSON.stringify(params.allowedValue)}`;
    case 'minLength':
      return `String length must be greater than or equal to ${String(params.limit)}`;
    case 'maxLength':
      return `String length must be less than or equal to ${String(params.limit)}`;
    case 'minimum':
      return `Must be greater than or equal to ${String(params.limit)}`;
    case 'maximum':
      return `Must be less than or equal to ${String(params.limit)}`;
    case 'minItems':
      return `Array must have at least ${String(params.limit)} items`;
    case 'maxItems':
      return `Array must have at most ${String(params.limit)} items`;
    case 'minProperties':
      return `Must have at least ${String(params.limit)} properties`;
    case 'uniqueItems':
      return `array items[${String(params.j)},${String(params.i)}] must be unique`;
    case 'pattern':
      return `Does not match pattern '${String(params.pattern)}'`;
    case 'format':
      return `Does not match format '${String(params.format)}'`;
    case 'oneOf':
      return 'Must validate one and only one schema (oneOf)';
    case 'anyOf':
      return 'Must validate at least one schema (anyOf)';
    default:
      return error.message;
  }
}

/** Drops the errors of every oneOf/anyOf branch but the closest one. */
function closestBranchesOnly(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  let kept = [...errors];
  for (const combinator of combinators) {
    if (!kept.includes(combinator)) continue;
    const byBranch = new Map<number, ErrorObject[]>();
    for (const error of kept) {
      const branch = branchOf(combinator, error);
      if (branch !== undefined) byBranch.set(branch, [...(byBranch.get(branch) ?? []), error]);
    }
    if (byBranch.size === 0) continue;
    // gojsonschema keeps the branch that passed the most checks: fewest problems,
    // then the one whose problems lie deepest (it got further), then the first.
    const [closest] = [...byBranch.entries()].sort((a, b) => a[1].length - b[1].length || depthOf(b[1]) - depthOf(a[1]) || a[0] - b[0]);
    const dropped = new Set([...byBranch.values()].flat().filter((e) => !closest?.[1].includes(e)));
    kept = kept.filter((e) => !dropped.has(e));
    // gojsonschema reports the combinator before the branch's problems.
    kept = [...kept.filter((e) => e === combinator || !closest?.[1].includes(e))];
    const at = kept.indexOf(combinator);
    kept.splice(at + 1, 0, ...(closest?.[1] ?? []));
  }
  return kept;
}

const depthOf = (errors: readonly ErrorObject[]): number => Math.max(...errors.map((error) => error.instancePath.split('/').length));

function branchOf(combinator: ErrorObject, error: ErrorObject): number | undefined {
  const prefix = `${combinator.schemaPath}/`;
  if (!error.schemaPath.startsWith(prefix)) return undefined;
  const within = error.instancePath === combinator.instancePath || error.instancePath.startsWith(`${combinator.instancePath}/`);
  if (!within) return undefined;
  const index = Number.parseInt(error.schemaPath.slice(prefix.length), 10);
  return Number.isNaN(index) ? undefined : index;
}
