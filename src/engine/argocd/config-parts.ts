// Config shapes shared by argocd-update and argocd-wait: which Application
// (name or selector, never both), in which namespace.

import { anyObject, array, enumOf, nonEmptyString, object, string, when, type JsonSchema } from '../config-schema.js';

export const selectorSchema: JsonSchema = object(
  {
    matchLabels: anyObject({ values: string() }),
    matchExpressions: array(
      object(
        {
          key: nonEmptyString(),
          operator: string({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }),
          values: array(string()),
        },
        { required: ['key', 'operator'] },
      ),
    ),
  },
  {
    anyOf: [when(['matchLabels'], { matchLabels: { minProperties: 1 } }), when(['matchExpressions'], { matchExpressions: { minItems: 1 } })],
  },
);

/** An app entry: its own properties plus name/namespace/selector, exactly one of name and selector. */
export function appEntrySchema(properties: Record<string, JsonSchema>): JsonSchema {
  return object(
    { name: nonEmptyString(), namespace: nonEmptyString(), selector: selectorSchema, ...properties },
    {
      oneOf: [when(['name'], { name: { minLength: 1 }, selector: enumOf(null) }), when(['selector'], { name: enumOf('', null) })],
    },
  );
}
