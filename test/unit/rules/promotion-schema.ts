// Validates objects against Kargo v1.11.2's Promotion CRD schema, strictly: every
// object schema that does not preserve unknown fields rejects unknown properties
// (the API server would silently prune them), and the CRD's CEL rules on spec are
// checked by hand.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const CRD_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/crds/kargo/kargo.akuity.io_promotions.yaml');

type Schema = Record<string, unknown>;

function strict(schema: Schema): Schema {
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      copy.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, child]) => [name, strict(child)]));
    } else if (key === 'items' && value && typeof value === 'object') {
      copy.items = strict(value as Schema);
    } else if (key === 'additionalProperties' && value && typeof value === 'object') {
      copy.additionalProperties = strict(value as Schema);
    } else {
      copy[key] = value;
    }
  }
  if (schema.properties && schema['x-kubernetes-preserve-unknown-fields'] !== true && schema.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

export function promotionValidator(): (object: unknown) => string[] {
  const crd = parse(readFileSync(CRD_PATH, 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } };
  const version = crd.spec.versions.find((candidate) => candidate.name === 'v1alpha1');
  if (!version) throw new Error('the Promotion CRD has no v1alpha1 version');
  const schema = strict(version.schema.openAPIV3Schema);
  const validate = new Ajv({ allErrors: true, strict: true, validateFormats: false }).compile(schema);
  return (object) => {
    const errors = validate(object)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
    return [...errors, ...celRules(object)];
  };
}

function celRules(object: unknown): string[] {
  const spec = (object as { spec?: { freight?: unknown; origin?: unknown; steps?: { uses?: unknown; task?: unknown }[] } }).spec ?? {};
  const errors: string[] = [];
  if ((spec.freight !== undefined) === (spec.origin !== undefined)) errors.push('/spec exactly one of freight or origin must be set');
  (spec.steps ?? []).forEach((step, index) => {
    if (step.uses === undefined || step.task !== undefined) errors.push(`/spec/steps/${index} Promotion step must have uses set and must not reference a task`);
  });
  return errors;
}
