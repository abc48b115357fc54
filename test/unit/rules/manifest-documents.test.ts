// The pure reading of manifests (rules/manifest-documents.ts), the Freight-in-use
// rule and the create-actor annotation, table by table.

import { describe, expect, it } from 'vitest';
import type { KubeObject, Stage } from '../../../src/model/kargo.js';
import { needsCreator, withCreator } from '../../../src/rules/creator-annotation.js';
import { stagesUsingFreight } from '../../../src/rules/freight-in-use.js';
import { parseManifests } from '../../../src/rules/manifest-documents.js';

const stage = (name: string) => `apiVersion: kargo.akuity.io/v1alpha1\nkind: Stage\nmetadata:\n  name: ${name}\n  namespace: p\n`;

describe('parseManifests', () => {
  it('reads multi-document YAML, skipping empty documents, and says where each object came from', () => {
    const { documents, problems } = parseManifests([{ source: 'a.yaml', text: `---\n${stage('dev')}---\n# nothing\n---\n${stage('prod')}` }]);
    expect(problems).toEqual([]);
    expect(documents.map((document) => [document.where, document.kind, document.name, document.namespace])).toEqual([
      ['a.yaml (document 1)', 'Stage', 'dev', 'p'],
      ['a.yaml (document 3)', 'Stage', 'prod', 'p'],
    ]);
  });

  it('reads JSON (tab-indented too), a top-level JSON array, and flattens kind: List and *List', () => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'p' } };
    const tabbed = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [object] }, null, '\t');
    const array = JSON.stringify([object, { ...object, metadata: { name: 'd' } }]);
    const stageList = `apiVersion: kargo.akuity.io/v1alpha1\nkind: StageList\nitems:\n  - ${stage('x').trimEnd().split('\n').join('\n    ')}\n`;
    const { documents, problems } = parseManifests([
      { source: 'list.json', text: tabbed },
      { source: 'array.json', text: array },
      { source: 'stages.yaml', text: stageList },
    ]);
    expect(problems).toEqual([]);
    expect(documents.map((document) => `${document.where}: ${document.kind}/${document.name}`)).toEqual([
      'list.json item 1: ConfigMap/c',
      'array.json, item 1: ConfigMap/c',
      'array.json, item 2: ConfigMap/d',
      'stages.yaml item 1: Stage/x',
    ]);
    expect(documents[2]?.namespace).toBeUndefined();
  });

  it.each([
    ['a syntax error', 'kind: [oops\n', 'bad.yaml: not valid YAML or JSON'],
    ['a scalar document', 'just text\n', 'bad.yaml: expected an object with apiVersion and kind, found string'],
    ['no kind', 'apiVersion: v1\nmetadata:\n  name: x\n', 'bad.yaml: missing kind'],
    [
      'generateName',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n',
      'bad.yaml: missing metadata.name (generateName is not supported: give the object a name)',
    ],
    [
      'a name Kubernetes refuses',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n',
      'bad.yaml: ConfigMap name "Not_Valid" is not a valid name',
    ],
  ])('reports %s with where it is', (_what, text, problem) => {
    const { documents, problems } = parseManifests([{ source: 'bad.yaml', text }]);
    expect(documents).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });
});

describe('stagesUsingFreight', () => {
  const holding = (name: string, ...freight: string[]): Stage =>
    ({
      metadata: { name },
      spec: {},
      status: {
        freightHistory: [
          { items: Object.fromEntries(freight.map((item, index) => [`Warehouse/w${index}`, { name: item }])) },
          { items: { 'Warehouse/w0': { name: 'old' } } },
        ],
      },
    }) as Stage;

  it('names the Stages whose current collection holds the Freight, never an older one', () => {
    const stages = [holding('dev', 'a', 'b'), holding('staging', 'b'), holding('prod', 'c'), { metadata: { name: 'new' }, spec: {} } as Stage];
    expect(stagesUsingFreight(stages, 'b')).toEqual(['dev', 'staging']);
    expect(stagesUsingFreight(stages, 'old')).toEqual([]);
  });
});

describe('create-actor annotation', () => {
  it('is set (overwriting the manifest) on Projects and Promotions only', () => {
    const project: KubeObject = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Project',
      metadata: { name: 'p', annotations: { 'kargo.akuity.io/create-actor': 'someone-else', keep: 'me' } },
    };
    expect(withCreator(project, 'alice').metadata.annotations).toEqual({ 'kargo.akuity.io/create-actor': 'kubernetes:alice', keep: 'me' });
    const stageObject: KubeObject = { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 's' } };
    expect(needsCreator(stageObject)).toBe(false);
    expect(withCreator(stageObject, 'alice')).toBe(stageObject);
  });
});
