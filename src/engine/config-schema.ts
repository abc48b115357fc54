// How a built-in step declares and checks its config: small builders that
// produce a JSON Schema (2020-12, compiled by ajv), and defineConfig, which
// turns one into a validator answering in Kargo's words (gojsonschema's
// `<field>: <problem>` lines). Each step writes its own constraints here; the
// product never reads Kargo's schema files.

import { Ajv2020 } from 'ajv/dist/2020.js';
import { describeSchemaErrors } from './config-errors.js';
import { configFormats } from './config-formats.js';

export type JsonSchema = Record<string, unknown>;

interface StringOptions {
  minLength?: number;
  pattern?: string;
  format?: 'uri' | 'email';
  enum?: readonly string[];
}

export function string(options: StringOptions = {}): JsonSchema {
  const { enum: values, ...rest } = options;
  return { type: 'string', ...rest, ...(values ? { enum: [...values] } : {}) };
}

/** A non-empty string, the most common constraint in Kargo's step schemas. */
export const nonEmptyString = (options: Omit<StringOptions, 'minLength'> = {}): JsonSchema => string({ ...options, minLength: 1 });

export const boolean = (): JsonSchema => ({ type: 'boolean' });

export function integer(options: { minimum?: number; maximum?: number } = {}): JsonSchema {
  return { type: 'integer', ...options };
}

export function number(options: { minimum?: number; maximum?: number } = {}): JsonSchema {
  return { type: 'number', ...options };
}

export function array(items: JsonSchema, options: { minItems?: number; uniqueItems?: boolean } = {}): JsonSchema {
  return { type: 'array', items, ...options };
}

interface ObjectOptions {
  required?: readonly string[];
  /** false (the default) forbids unknown keys; a schema constrains their values. */
  additional?: boolean | JsonSchema;
  minProperties?: number;
  oneOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
}

export function object(properties: Record<string, JsonSchema>, options: ObjectOptions = {}): JsonSchema {
  const schema: JsonSchema = {
    type: 'object',
    properties,
    additionalProperties: options.additional ?? false,
  };
  if (options.required?.length) schema.required = [...options.required];
  if (options.minProperties !== undefined) schema.minProperties = options.minProperties;
  if (options.oneOf) schema.oneOf = [...options.oneOf];
  if (options.anyOf) schema.anyOf = [...options.anyOf];
  return schema;
}

/** Any JSON object (free-form maps such as compose-output's config or set-metadata's values). */
export function anyObject(options: { minProperties?: number; values?: JsonSchema } = {}): JsonSchema {
  return {
    type: 'object',
    ...(options.minProperties !== undefined ? { minProperties: options.minProperties } : {}),
    ...(options.values ? { additionalProperties: options.values } : {}),
  };
}

/** A fragment for oneOf/anyOf branches: which keys must be present, and what holds for some keys. */
export function when(required: readonly string[], properties: Record<string, JsonSchema> = {}): JsonSchema {
  return { ...(required.length ? { required: [...required] } : {}), properties };
}

export const enumOf = (...values: readonly unknown[]): JsonSchema => ({ enum: [...values] });
export const constOf = (value: unknown): JsonSchema => ({ const: value });

/** Go duration strings as Kargo's schemas accept them (e.g. `5m`, `1h30m`). */
export const goDuration = (): JsonSchema => string({ pattern: '(?:\\d+(ns|us|µs|ms|s|m|h))+' });

const ajv = new Ajv2020({
  allErrors: true,
  verbose: true,
  // oneOf branches name keys declared by the enclosing object, as Kargo's schemas do.
  strictRequired: false,
  strictTypes: false,
  formats: configFormats,
});

/** A validator for one step kind: `[]` when the config is valid, else one `<field>: <problem>` line per problem. */
export type ConfigValidator = (config: unknown) => string[];

export function defineConfig(kind: string, schema: JsonSchema): ConfigValidator {
  const validate = ajv.compile(schema);
  const validator: ConfigValidator = (config) => (validate(config) ? [] : describeSchemaErrors(validate.errors ?? []));
  Object.defineProperty(validator, 'name', { value: `validate ${kind} config` });
  return validator;
}

/** Kargo's wording for a config that fails its schema (errors joined as Go's errors.Join does). */
export function invalidConfigMessage(kind: string, problems: readonly string[]): string {
  return `invalid ${kind} config: ${problems.join('\n')}`;
}
