// Every object in examples/ must be one the real cluster would accept: each is
// validated against its CRD's openAPIV3Schema (Kargo v1.11.2, Argo Rollouts) with
// unknown fields rejected, and the status fixtures are validated merged onto
// the objects they patch. The references between examples must also resolve.

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const crdDir = resolve(repo, '../shared/crds');
const examplesDir = join(repo, 'examples');

type Json = Record<string, unknown>;

interface Example {
  file: string;
  object: Json;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readYaml(path: string): Json[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((document) => document.toJS() as unknown)
    .filter(isObject);
}

function examplesIn(dir: string): Example[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => readYaml(join(dir, file)).map((object) => ({ file, object })));
}

const objectMeta = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', maxLength: 253 },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

/** Structural schemas allow only declared fields unless they say otherwise; make that explicit for ajv. */
function rejectingUnknownFields(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rejectingUnknownFields);
  if (!isObject(schema)) return schema;
  const result: Json = {};
  for (const [key, value] of Object.entries(schema)) result[key] = key === 'default' || key === 'example' ? value : rejectingUnknownFields(value);
  const preserves = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (isObject(schema.properties) && schema.additionalProperties === undefined && !preserves) result.additionalProperties = false;
  return result;
}

function loadValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    // The CRDs' patterns are Go (RE2) expressions, some with escapes unicode mode rejects.
    unicodeRegExp: false,
    formats: {
      'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
      int32: true,
      int64: true,
      email: true,
    },
  });
  const validators = new Map<string, ValidateFunction>();
  for (const group of ['kargo', 'argo-rollouts']) {
    for (const file of readdirSync(join(crdDir, group)).filter((name) => name.endsWith('.yaml'))) {
      for (const crd of readYaml(join(crdDir, group, file))) {
        const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Json } }[] };
        for (const version of spec.versions) {
          const schema = rejectingUnknownFields(version.schema.openAPIV3Schema) as Json;
          const properties = { ...(schema.properties as Json), metadata: objectMeta };
          validators.set(`${spec.group}/${version.name}/${spec.names.kind}`, ajv.compile({ ...schema, properties }));
        }
      }
    }
  }
  return validators;
}

const validators = loadValidators();
const examples = examplesIn(examplesDir);
const statusFixtures = examplesIn(join(examplesDir, 'status'));

function typeKey(object: Json): string {
  return `${String(object.apiVersion)}/${String(object.kind)}`;
}

function nameOf(object: Json): string {
  return String((object.metadata as Json | undefined)?.name);
}

function problems(object: Json): string[] {
  const validate = validators.get(typeKey(object));
  if (!validate) return [`no CRD for ${typeKey(object)}`];
  if (validate(object)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

function ofKind(kind: string): Json[] {
  return examples.filter((example) => example.object.kind === kind).map((example) => example.object);
}

describe('examples/', () => {
  it('holds the whole my-web-app pipeline', () => {
    const kinds = examples.map((example) => `${String(example.object.kind)}/${nameOf(example.object)}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Namespace/my-web-app',
        'Project/my-web-app',
        'Warehouse/app-images',
        'Warehouse/infra-config',
        'PromotionTask/promote-with-argocd',
        'AnalysisTemplate/smoke-test',
        'AnalysisTemplate/error-rate',
        'Stage/dev',
        'Stage/staging-us',
        'Stage/staging-eu',
        'Stage/prod-us',
        'Stage/prod-eu',
      ]),
    );
    expect(ofKind('Freight').length).toBeGreaterThanOrEqual(3);
  });

  it('labels the project namespace as a Kargo project', () => {
    const namespace = ofKind('Namespace')[0] as Json;
    expect((namespace.metadata as Json).labels).toEqual({ 'kargo.akuity.io/project': 'true' });
    expect(namespace.apiVersion).toBe('v1');
  });

  it.each(
    examples
      .filter((example) => example.object.kind !== 'Namespace')
      .map((example) => [`${example.file} ${String(example.object.kind)}/${nameOf(example.object)}`, example.object] as const),
  )('%s is valid against its CRD', (_label, object) => {
    expect(problems(object)).toEqual([]);
  });

  it('puts every namespaced object in the project namespace', () => {
    const namespaced = examples.filter((example) => !['Namespace', 'Project'].includes(String(example.object.kind)));
    for (const { object } of namespaced) expect((object.metadata as Json).namespace).toBe('my-web-app');
  });

  it.each(statusFixtures.map((fixture) => [`status/${fixture.file}`, fixture.object] as const))(
    '%s is valid once merged onto its object',
    (_label, fixture) => {
      const base = examples.find((example) => typeKey(example.object) === typeKey(fixture) && nameOf(example.object) === nameOf(fixture));
      expect(base, `status/${nameOf(fixture)} patches an object that examples/ defines`).toBeDefined();
      expect(problems({ ...(base as Example).object, status: fixture.status })).toEqual([]);
    },
  );

  it('rejects an unknown field, so the checks above can fail', () => {
    const stage = structuredClone(ofKind('Stage')[0] as Json);
    (stage.spec as Json).requestedFreight = [{ origin: { kind: 'Warehouse', name: 'app-images' }, sources: { direct: true, soak: '1h' } }];
    expect(problems(stage).join('\n')).toContain('must NOT have additional properties');
  });

  it('only refers to objects that exist', () => {
    const stages = new Set(ofKind('Stage').map(nameOf));
    const warehouses = new Set(ofKind('Warehouse').map(nameOf));
    const tasks = new Set(ofKind('PromotionTask').map(nameOf));
    const templates = new Set(ofKind('AnalysisTemplate').map(nameOf));
    const freight = new Set(ofKind('Freight').map(nameOf));
    for (const stage of ofKind('Stage')) {
      const spec = stage.spec as {
        requestedFreight: { origin: { name: string }; sources: { stages?: string[] } }[];
        promotionTemplate: { spec: { steps: { task?: { name: string } }[] } };
        verification?: { analysisTemplates: { name: string }[] };
      };
      for (const request of spec.requestedFreight) {
        expect(warehouses).toContain(request.origin.name);
        for (const upstream of request.sources.stages ?? []) expect(stages).toContain(upstream);
      }
      for (const step of spec.promotionTemplate.spec.steps) if (step.task) expect(tasks).toContain(step.task.name);
      for (const template of spec.verification?.analysisTemplates ?? []) expect(templates).toContain(template.name);
    }
    for (const { object } of statusFixtures) {
      const history = ((object.status as Json).freightHistory ?? []) as { items: Record<string, { name: string }> }[];
      for (const collection of history) for (const reference of Object.values(collection.items)) expect(freight).toContain(reference.name);
      const stageKeys = ['currentlyIn', 'verifiedIn', 'approvedFor'].flatMap((key) => Object.keys(((object.status as Json)[key] ?? {}) as Json));
      for (const stage of stageKeys) expect(stages).toContain(stage);
    }
  });
});
