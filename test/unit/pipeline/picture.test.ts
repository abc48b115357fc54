// Golden pictures of each pipeline shape, in plain ASCII (pipes, NO_COLOR) and
// with box-drawing characters (a TTY).

import { describe, expect, it } from 'vitest';
import { renderPipeline, type PipelinePictureOptions } from '../../../src/output/pipeline.js';
import { formatSoak } from '../../../src/rules/duration.js';
import { buildPipelineGraph } from '../../../src/rules/pipeline-graph.js';
import { expectGolden } from './golden.js';
import { direct, from, stage, warehouse } from './fixtures.js';
import { NOW, shapes } from './shapes.js';

const formatDuration = formatSoak;

const charsets: [string, Pick<PipelinePictureOptions, 'unicode'>][] = [
  ['ascii', { unicode: false }],
  ['unicode', { unicode: true }],
];

describe('pipeline picture', () => {
  for (const [shape, objects] of Object.entries(shapes)) {
    for (const [charset, options] of charsets) {
      it(`draws ${shape} in ${charset}`, () => {
        const picture = renderPipeline(buildPipelineGraph(objects, NOW), { ...options, columns: 100, formatDuration });
        expectGolden(`${shape}.${charset}.txt`, picture);
      });
    }
  }

  it('stays plain ASCII without unicode', () => {
    for (const objects of Object.values(shapes)) {
      const picture = renderPipeline(buildPipelineGraph(objects, NOW), { unicode: false, formatDuration });
      expect(picture).toMatch(/^[\x20-\x7e\n]*$/);
    }
  });

  it('colours only through the painter it is given', () => {
    const painted = renderPipeline(buildPipelineGraph(shapes.linear!, NOW), {
      unicode: true,
      formatDuration,
      paint: (text, tone) => `<${tone}>${text}</${tone}>`,
    });
    expect(painted).toContain('<name>prod</name>');
    expect(painted).toContain('<bad>Unhealthy</bad>');
    expect(painted).toContain('<ok>verified</ok>');
    expect(painted).toContain('<warn>verifying</warn>');
  });

  it('draws any pipeline: every stage once, arrows into every stage that has a source', () => {
    let seed = 7;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    for (let round = 0; round < 40; round++) {
      const names = Array.from({ length: 2 + random(12) }, (_, index) => `s${index}`);
      const stages = names.map((name, index) => {
        const upstream = names.slice(0, index).filter(() => random(3) === 0);
        const requests = upstream.length ? [from('images', upstream)] : [direct('images')];
        if (random(4) === 0) requests.push(direct('config'));
        return stage(name, requests);
      });
      const graph = buildPipelineGraph({ project: 'random', warehouses: [warehouse('images'), warehouse('config')], stages, freight: [] }, NOW);
      for (const unicode of [true, false]) {
        const picture = renderPipeline(graph, { unicode, formatDuration });
        for (const name of names) expect(picture.match(new RegExp(`[|│] ${name} +[|│]`, 'g'))).toHaveLength(1);
        const arrows = [...picture].filter((char) => char === (unicode ? '▼' : 'v')).length;
        expect(arrows).toBeGreaterThanOrEqual(names.length);
      }
    }
  });

  it('narrows boxes to fit the terminal when it can', () => {
    const objects = structuredClone(shapes.diamond!);
    for (const item of objects.stages) item.metadata.name = `${item.metadata.name}-with-a-rather-long-name`;
    for (const item of objects.stages)
      for (const request of item.spec.requestedFreight ?? []) request.sources.stages = request.sources.stages?.map((name) => `${name}-with-a-rather-long-name`);
    const widest = (columns: number): number =>
      Math.max(
        ...renderPipeline(buildPipelineGraph(objects, NOW), { unicode: true, columns, formatDuration })
          .split('\n')
          .map((line) => [...line].length),
      );
    expect(widest(200)).toBeGreaterThan(50);
    expect(widest(50)).toBeLessThanOrEqual(50);
  });
});
