import { describe, expect, it } from 'vitest';
import type { FreightSources, Stage } from '../../../src/model/kargo.js';
import { downstreamStages } from '../../../src/rules/downstream-stages.js';

function stage(name: string, requests: [warehouse: string, sources: FreightSources][]): Stage {
  return {
    metadata: { name },
    spec: { requestedFreight: requests.map(([warehouse, sources]) => ({ origin: { kind: 'Warehouse', name: warehouse }, sources })) },
  };
}

const stages = [
  stage('dev', [['images', { direct: true }]]),
  stage('staging-us', [['images', { stages: ['dev'] }]]),
  stage('staging-eu', [['images', { stages: ['dev', 'qa'] }]]),
  stage('config-only', [['config', { stages: ['dev'] }]]),
  stage('prod', [['images', { stages: ['staging-us', 'staging-eu'], availabilityStrategy: 'All' }]]),
];

describe('downstreamStages', () => {
  it('lists Stages requesting the origin with the upstream among their sources, sorted by name', () => {
    expect(downstreamStages(stages, 'dev', { kind: 'Warehouse', name: 'images' }).map((s) => s.metadata.name)).toEqual(['staging-eu', 'staging-us']);
  });

  it('is scoped to the Freight origin', () => {
    expect(downstreamStages(stages, 'dev', { kind: 'Warehouse', name: 'config' }).map((s) => s.metadata.name)).toEqual(['config-only']);
  });

  it('is only one level deep, and empty for a leaf', () => {
    expect(downstreamStages(stages, 'staging-us', { kind: 'Warehouse', name: 'images' }).map((s) => s.metadata.name)).toEqual(['prod']);
    expect(downstreamStages(stages, 'prod', { kind: 'Warehouse', name: 'images' })).toEqual([]);
  });
});
