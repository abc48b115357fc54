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

  /** NOW is 12:00: calm-koala entered staging-us 40 minutes ago and staging-eu two hours ago; prod needs 1h in both. */
  soaking: {
    project: 'my-web-app',
    warehouses: [warehouse('images')],
    stages: [
      stage('dev', [direct('images')], { freight: { images: 'f2' }, health: 'Healthy', verification: 'Running' }),
      stage('staging-us', [from('images', ['dev'])], { freight: { images: 'f1' }, health: 'Healthy', verification: 'Successful' }),
      stage('staging-eu', [from('images', ['dev'])], { freight: { images: 'f1' }, health: 'Healthy', verification: 'Successful' }),
      stage('prod-us', [from('images', ['staging-us', 'staging-eu'], { availabilityStrategy: 'All', requiredSoakTime: '1h' })], {
        freight: { images: 'f0' },
        health: 'Healthy',
        verification: 'Successful',
      }),
      stage('prod-eu', [from('images', ['staging-us', 'staging-eu'], { availabilityStrategy: 'All', requiredSoakTime: '1h' })], {
        freight: { images: 'f0' },
        health: 'Progressing',
        promoting: 'f0',
      }),
    ],
    freight: [
      freight('f0', 'steady-otter', 'images', {
        discoveredAt: '2026-11-18T10:00:00Z',
        currentlyIn: { 'prod-us': '2026-11-19T10:00:00Z', 'prod-eu': '2026-11-19T10:00:00Z' },
      }),
      freight('f1', 'calm-koala', 'images', {
        currentlyIn: { 'staging-us': '2026-11-23T11:20:00Z', 'staging-eu': '2026-11-23T10:00:00Z' },
        verifiedIn: {
          dev: { verifiedAt: '2026-11-23T09:00:00Z' },
          'staging-us': { verifiedAt: '2026-11-23T11:30:00Z' },
          'staging-eu': { verifiedAt: '2026-11-23T10:10:00Z' },
        },
      }),
      freight('f2', 'eager-finch', 'images', { discoveredAt: '2026-11-23T11:00:00Z', currentlyIn: { dev: '2026-11-23T11:50:00Z' } }),
    ],
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
