import { describe, expect, it } from 'vitest';
import { buildPipelineGraph } from '../../../src/rules/pipeline-graph.js';
import { direct, freight, from, stage, warehouse } from './fixtures.js';
import { NOW, shapes } from './shapes.js';

function layersOf(objects: Parameters<typeof buildPipelineGraph>[0]): string[][] {
  return buildPipelineGraph(objects, NOW).layers.map((layer) => layer.map((ref) => `${ref.kind}/${ref.name}`));
}

describe('buildPipelineGraph', () => {
  it('layers stages by the longest path from a warehouse', () => {
    expect(layersOf(shapes['skip-layer']!)).toEqual([['Warehouse/config', 'Warehouse/images'], ['Stage/dev'], ['Stage/qa'], ['Stage/prod']]);
    expect(layersOf(shapes.diamond!)).toEqual([
      ['Warehouse/images'],
      ['Stage/dev'],
      ['Stage/staging-eu', 'Stage/staging-us'],
      ['Stage/prod-eu', 'Stage/prod-us'],
    ]);
  });

  it('has no layers for an empty project', () => {
    const graph = buildPipelineGraph(shapes.empty!, NOW);
    expect(graph.layers).toEqual([]);
    expect(graph.warnings).toEqual([]);
  });

  it('draws an edge per requested source, with the origin and the availability rule', () => {
    const graph = buildPipelineGraph(shapes['two-warehouses']!, NOW);
    expect(graph.edges).toEqual([
      { from: { kind: 'Warehouse', name: 'images' }, to: 'dev', origin: 'Warehouse/images', availabilityStrategy: 'OneOf' },
      { from: { kind: 'Warehouse', name: 'config' }, to: 'dev', origin: 'Warehouse/config', availabilityStrategy: 'OneOf' },
      { from: { kind: 'Stage', name: 'dev' }, to: 'prod', origin: 'Warehouse/images', availabilityStrategy: 'OneOf' },
      { from: { kind: 'Warehouse', name: 'config' }, to: 'prod', origin: 'Warehouse/config', availabilityStrategy: 'OneOf' },
    ]);
  });

  it('keeps fan-in strategy and soak time on the edges', () => {
    const graph = buildPipelineGraph(shapes.diamond!, NOW);
    const intoProdUs = graph.edges.filter((edge) => edge.to === 'prod-us');
    expect(intoProdUs.map((edge) => edge.from.name)).toEqual(['staging-us', 'staging-eu']);
    for (const edge of intoProdUs) expect(edge).toMatchObject({ availabilityStrategy: 'All', requiredSoakTime: '1h' });
  });

  it('describes what each stage holds now, by freight alias', () => {
    const graph = buildPipelineGraph(shapes.linear!, NOW);
    const byName = Object.fromEntries(graph.stages.map((node) => [node.name, node]));
    expect(byName.dev).toMatchObject({
      freight: [{ origin: 'Warehouse/images', name: 'f2', alias: 'eager-finch' }],
      health: 'Healthy',
      verification: 'Successful',
    });
    expect(byName.qa).toMatchObject({ verification: 'Running' });
    expect(byName.prod).toMatchObject({ health: 'Unhealthy', verification: 'Failed' });
    expect(graph.warehouses[0]).toMatchObject({ name: 'images', freightCount: 2, latestFreight: { name: 'f2', alias: 'eager-finch' } });
  });

  it('reports promotions in flight and the last one', () => {
    const graph = buildPipelineGraph(shapes['fan-out']!, NOW);
    const byName = Object.fromEntries(graph.stages.map((node) => [node.name, node]));
    expect(byName['staging-us']?.currentPromotion).toEqual({ name: 'staging-us.promotion', freight: { name: 'f1', alias: 'calm-koala' } });
    expect(byName['staging-ap']?.lastPromotion).toEqual({ name: 'staging-ap.last', phase: 'Failed' });
  });

  it('reports the soak of current freight towards downstream stages that require one', () => {
    const graph = buildPipelineGraph(shapes.soaking!, NOW);
    const byName = Object.fromEntries(graph.stages.map((node) => [node.name, node]));
    const calmKoala = { name: 'f1', alias: 'calm-koala' };
    const hour = 3_600_000;
    expect(byName['staging-us']?.soaks).toEqual([
      { downstream: 'prod-eu', freight: calmKoala, requiredSoakTime: '1h', elapsedMs: 40 * 60_000, requiredMs: hour, verified: true, complete: false },
      { downstream: 'prod-us', freight: calmKoala, requiredSoakTime: '1h', elapsedMs: 40 * 60_000, requiredMs: hour, verified: true, complete: false },
    ]);
    expect(byName['staging-eu']?.soaks.map((soak) => [soak.downstream, soak.elapsedMs, soak.complete])).toEqual([
      ['prod-eu', 2 * hour, true],
      ['prod-us', 2 * hour, true],
    ]);
    expect(byName.dev?.soaks).toEqual([]);
  });

  it('counts no soak before the freight is verified there', () => {
    const objects = structuredClone(shapes.soaking!);
    const calmKoala = objects.freight.find((item) => item.metadata.name === 'f1')!;
    delete calmKoala.status!.verifiedIn!['staging-us'];
    const staging = buildPipelineGraph(objects, NOW).stages.find((node) => node.name === 'staging-us');
    expect(staging?.soaks[0]).toMatchObject({ verified: false, elapsedMs: 0, complete: false });
  });

  it('marks control-flow stages', () => {
    const graph = buildPipelineGraph(shapes['control-flow']!, NOW);
    expect(graph.stages.find((node) => node.name === 'gate')?.controlFlow).toBe(true);
    expect(graph.stages.find((node) => node.name === 'east')?.controlFlow).toBe(false);
  });

  it('keeps freight it cannot find by name, without an alias', () => {
    const graph = buildPipelineGraph(
      { project: 'demo', warehouses: [warehouse('images')], stages: [stage('dev', [direct('images')], { freight: { images: 'gone' } })], freight: [] },
      NOW,
    );
    expect(graph.stages[0]?.freight).toEqual([{ origin: 'Warehouse/images', name: 'gone' }]);
  });

  it('shows missing upstream stages and warehouses as placeholders, with a warning', () => {
    const graph = buildPipelineGraph(
      { project: 'demo', warehouses: [], stages: [stage('prod', [from('images', ['qa']), direct('config')])], freight: [] },
      NOW,
    );
    expect(graph.warehouses).toEqual([{ kind: 'Warehouse', name: 'config', layer: 0, missing: true, freightCount: 0 }]);
    expect(graph.stages.map((node) => [node.name, node.layer, node.missing])).toEqual([
      ['prod', 2, false],
      ['qa', 1, true],
    ]);
    expect(graph.warnings).toEqual(['warehouse config is requested but does not exist', 'stage qa is named as an upstream stage but does not exist']);
  });

  it('survives a cycle between stages and says so', () => {
    const graph = buildPipelineGraph(
      {
        project: 'demo',
        warehouses: [warehouse('images')],
        stages: [stage('a', [direct('images'), from('images', ['b'])]), stage('b', [from('images', ['a'])])],
        freight: [],
      },
      NOW,
    );
    expect(graph.stages.map((node) => [node.name, node.layer])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(graph.warnings).toEqual(['stages b and a form a cycle; the edge b -> a is ignored for layering']);
  });

  it('warns about a request with no source', () => {
    const graph = buildPipelineGraph(
      { project: 'demo', warehouses: [warehouse('images')], stages: [stage('lonely', [from('images', [])])], freight: [freight('f1', 'a', 'images')] },
      NOW,
    );
    expect(graph.stages[0]?.layer).toBe(1);
    expect(graph.warnings).toEqual(['stage lonely requests Warehouse/images but names no source (neither direct nor upstream stages)']);
  });
});
