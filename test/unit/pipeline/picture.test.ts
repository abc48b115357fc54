// Golden pictures of each pipeline shape, in plain ASCII (pipes, NO_COLOR) and
// with box-drawing characters (a TTY).

import { describe, expect, it } from 'vitest';
import { renderPipeline, type PipelinePictureOptions } from '../../../src/output/pipeline.js';
import { formatSoak } from '../../../src/rules/duration.js';
import { buildPipelineGraph } from '../../../src/rules/pipeline-graph.js';
import { expectGolden } from './golden.js';
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

  it('narrows boxes to fit the terminal when it can', () => {
    const objects = structuredClone(shapes.diamond!);
    for (const item of objects.stages) item.metadata.name = `${item.metadata.name}-with-a-rather-long-name`;
    for (const item of objects.stages) for (const request of item.spec.requestedFreight ?? []) request.sources.stages = request.sources.stages?.map((name) => `${name}-with-a-rather-long-name`);
    const widest = (columns: number): number =>
      Math.max(...renderPipeline(buildPipelineGraph(objects, NOW), { unicode: true, columns, formatDuration }).split('\n').map((line) => [...line].length));
    expect(widest(200)).toBeGreaterThan(50);
    expect(widest(50)).toBeLessThanOrEqual(50);
  });
});
