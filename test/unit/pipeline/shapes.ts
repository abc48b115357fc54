// The pipeline shapes the picture must draw clearly, each as the objects a
// project would hold. Shared by the graph tests and the golden pictures.

import type { PipelineObjects } from '../../../src/rules/pipeline-graph.js';
import { direct, freight, from, stage, warehouse } from './fixtures.js';

export const NOW = new Date('2026-11-23T12:00:00Z');

export const shapes: Record<string, PipelineObjects> = {
  empty: { project: 'demo', warehouses: [], stages: [], freight: [] },

  linear: {
    project: 'demo',
    warehouses: [warehouse('images')],
    stages: [
      stage('dev', [direct('images')], { freight: { images: 'f2' }, health: 'Healthy', verification: 'Successful' }),
      stage('qa', [from('images', ['dev'])], { freight: { images: 'f1' }, health: 'Healthy', verification: 'Running' }),
      stage('prod', [from('images', ['qa'])], { freight: { images: 'f1' }, health: 'Unhealthy', verification: 'Failed' }),
    ],
    freight: [freight('f1', 'calm-koala', 'images'), freight('f2', 'eager-finch', 'images', { discoveredAt: '2026-11-21T10:00:00Z' })],
  },

  'fan-out': {
    project: 'demo',
    warehouses: [warehouse('images')],
    stages: [
      stage('dev', [direct('images')], { freight: { images: 'f1' }, health: 'Healthy' }),
      stage('staging-us', [from('images', ['dev'])], { promoting: 'f1' }),
      stage('staging-eu', [from('images', ['dev'])]),
      stage('staging-ap', [from('images', ['dev'])], { lastPromotionPhase: 'Failed' }),
    ],
    freight: [freight('f1', 'calm-koala', 'images')],
  },

  'fan-in': {
    project: 'demo',
    warehouses: [warehouse('images')],
    stages: [
      stage('test-a', [direct('images')]),
      stage('test-b', [direct('images')]),
      stage('prod', [from('images', ['test-a', 'test-b'], { availabilityStrategy: 'All' })]),
    ],
    freight: [],
  },

  diamond: {
    project: 'my-web-app',
    warehouses: [warehouse('images')],
    stages: [
      stage('dev', [direct('images')]),
      stage('staging-us', [from('images', ['dev'])]),
      stage('staging-eu', [from('images', ['dev'])]),
      stage('prod-us', [from('images', ['staging-us', 'staging-eu'], { availabilityStrategy: 'All', requiredSoakTime: '1h' })]),
      stage('prod-eu', [from('images', ['staging-us', 'staging-eu'], { availabilityStrategy: 'All', requiredSoakTime: '1h' })]),
    ],
    freight: [],
  },

  'two-warehouses': {
    project: 'demo',
    warehouses: [warehouse('images'), warehouse('config')],
    stages: [
      stage('dev', [direct('images'), direct('config')], { freight: { images: 'f1', config: 'c1' }, health: 'Healthy', verification: 'Successful' }),
      stage('prod', [from('images', ['dev']), direct('config')], { freight: { images: 'f1', config: 'c1' } }),
    ],
    freight: [freight('f1', 'calm-koala', 'images'), freight('c1', 'tidy-fern', 'config')],
  },

  'control-flow': {
    project: 'demo',
    warehouses: [warehouse('images')],
    stages: [
      stage('gate', [direct('images')], { controlFlow: true, health: 'NotApplicable' }),
      stage('east', [from('images', ['gate'])]),
      stage('west', [from('images', ['gate'])]),
    ],
    freight: [],
  },

  'skip-layer': {
    project: 'demo',
    warehouses: [warehouse('images'), warehouse('config')],
    stages: [
      stage('dev', [direct('images')]),
      stage('qa', [from('images', ['dev'])]),
      stage('prod', [from('images', ['qa']), from('config', ['dev']), direct('config')]),
    ],
    freight: [],
  },
};
