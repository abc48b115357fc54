// Config shapes shared by the data-file steps (the same definitions recur in
// Kargo's yaml-/json-/toml- schemas), with the schema fragment for each.

import { array, nonEmptyString, object } from '../config-schema.js';
import type { JsonSchema } from '../config-schema.js';

export interface KeyValueUpdate {
  key: string;
  value: unknown;
}

export interface ExpressionOutput {
  name: string;
  fromExpression: string;
}

/** `path` plus at least one `{key, value}` update (yaml-update, json-update, toml-update). */
export const updateFileSchema: JsonSchema = object(
  {
    path: nonEmptyString(),
    updates: array(object({ key: nonEmptyString(), value: {} }, { required: ['key', 'value'] }), { minItems: 1 }),
  },
  { required: ['path', 'updates'] },
);

/** `path` plus at least one `{name, fromExpression}` output (yaml-parse, json-parse, toml-parse). */
export const parseFileSchema: JsonSchema = object(
  {
    path: nonEmptyString(),
    outputs: array(
      object(
        { name: nonEmptyString(), fromExpression: nonEmptyString() },
        {
          required: ['name', 'fromExpression'],
        },
      ),
      { minItems: 1 },
    ),
  },
  { required: ['path', 'outputs'] },
);

/** `{name, value}` pairs for HTTP headers and query parameters. */
export const nameValueSchema: JsonSchema = object({ name: nonEmptyString(), value: nonEmptyString() }, { required: ['name', 'value'] });
