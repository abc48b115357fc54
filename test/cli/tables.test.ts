// The `kargo get` tables for the my-web-app example pipeline, checked against
// golden files (fixed clock; the objects as the cluster would return them).

import { describe, expect, it } from 'vitest';
import { resources, type ResourceType } from '../../src/kube/resources.js';
import type { Freight, KubeObject, Promotion, Stage } from '../../src/model/kargo.js';
import { formatGetTable } from '../../src/output/get-table.js';
import { createStyle } from '../../src/output/style.js';
import { renderTable } from '../../src/output/table.js';
import { freightAvailabilityTable } from '../../src/output/tables/freight-table.js';
import { step } from '../../src/output/tables/promotion-table.js';
import type { TableContext } from '../../src/output/tables/table-context.js';
import { summarizeAvailability } from '../../src/explain/availability.js';
import { explainAvailability } from '../../src/rules/availability.js';
import { freightAlias } from '../../src/rules/freight-lookup.js';
import { selectObjects } from '../../src/usecases/get.js';
import { exampleObjectsWithStatus } from './support/examples.js';
import { expectGolden } from './support/golden.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const CREATED = '2026-11-16T08:00:00Z';
const objects = exampleObjectsWithStatus().map((object) => ({
  ...object,
  metadata: { ...object.metadata, creationTimestamp: CREATED },
}));
const freight = objects.filter((object) => object.kind === 'Freight') as Freight[];
const stages = objects.filter((object) => object.kind === 'Stage') as Stage[];

function context(wide = false, colour = false): TableContext {
  const aliases = new Map(freight.map((item) => [item.metadata.name ?? '', freightAlias(item) ?? '']));
  return { now: NOW, style: createStyle(colour), wide, freightAliases: aliases };
}

function listed(type: ResourceType): KubeObject[] {
  return selectObjects(
    objects.filter((object) => object.kind === type.kind),
    { type, names: [] },
  ).items;
}

function table(type: ResourceType, items: KubeObject[], wide = false, headers = true): string {
  return formatGetTable(type, items, { spec: { kind: 'table', wide }, headers, single: false }, context(wide));
}

const promotions: Promotion[] = [
  promotion('dev.01jd0000000000000000000001.1da9592', 'dev', '1da95928a7304370cbacd44fe476ada5088e4aae', 'Succeeded', 6),
  promotion('prod-eu.01jd0000000000000000000002.ddc02d9', 'prod-eu', 'ddc02d90864678757506c645bbe071ab11c2f2bb', 'Running', 2),
  promotion('prod-us.01jd0000000000000000000003.ddc02d9', 'prod-us', 'ddc02d90864678757506c645bbe071ab11c2f2bb', 'Failed', 4),
  promotion('staging-us.01jd0000000000000000000004.91903dc', 'staging-us', '91903dc9c93ee4a1597f3ea2ae2c8a6b16d3ab66', 'Pending', 0),
];

function promotion(name: string, stage: string, freightName: string, phase: 'Succeeded' | 'Running' | 'Failed' | 'Pending', currentStep: number): Promotion {
  const steps = ['git-clone', 'git-clear', 'kustomize-set-image', 'git-commit', 'git-push', 'argocd-update'].map((uses) => ({ uses }));
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: { name, namespace: 'my-web-app', creationTimestamp: '2026-11-23T11:55:00Z' },
    spec: { stage, freight: freightName, steps },
    status: { phase, currentStep, ...(phase === 'Failed' ? { message: 'step "git-push" failed: remote rejected' } : {}) },
  };
}

describe('tables of the example pipeline', () => {
  it('stages', () => expectGolden('stages.txt', table(resources.stage, listed(resources.stage))));
  it('stages -o wide', () => expectGolden('stages-wide.txt', table(resources.stage, listed(resources.stage), true)));
  it('freight (oldest first)', () => expectGolden('freight.txt', table(resources.freight, listed(resources.freight))));
  it('freight -o wide', () => expectGolden('freight-wide.txt', table(resources.freight, listed(resources.freight), true)));
  it('warehouses', () => expectGolden('warehouses.txt', table(resources.warehouse, listed(resources.warehouse))));
  it('projects', () => expectGolden('projects.txt', table(resources.project, listed(resources.project))));
  it('promotiontasks -o wide', () => expectGolden('promotiontasks-wide.txt', table(resources.promotionTask, listed(resources.promotionTask), true)));
  it('promotions', () => expectGolden('promotions.txt', table(resources.promotion, promotions)));
  it('promotions -o wide --no-headers', () => expectGolden('promotions-wide-no-headers.txt', table(resources.promotion, promotions, true, false)));

  it('freight --stage for every Stage', () => {
    const byName = new Map(stages.map((stage) => [stage.metadata.name ?? '', stage]));
    const warehouseNames = new Set(objects.filter((object) => object.kind === 'Warehouse').map((object) => object.metadata.name ?? ''));
    const sections = [...byName.keys()].sort().map((stageName) => {
      const stage = byName.get(stageName)!;
      const rows = (listed(resources.freight) as Freight[]).map((item) => {
        const explanation = explainAvailability(item, stage, { now: NOW, project: 'my-web-app', stagesByName: byName, warehouseNames });
        return { freight: item, available: explanation.available, reason: summarizeAvailability(explanation) };
      });
      const data = freightAvailabilityTable(rows, context());
      return `$ kargo get freight --stage ${stageName}\n${renderTable(data.header, data.rows, { headers: true })}`;
    });
    expectGolden('freight-availability.txt', sections.join('\n'));
  });
});

describe('table details', () => {
  it('prints nothing for an empty listing (the command reports it on stderr)', () => {
    expect(table(resources.stage, [])).toBe('');
  });

  it('colours states only when colour is on, and keeps columns aligned', () => {
    const coloured = formatGetTable(
      resources.promotion,
      promotions,
      { spec: { kind: 'table', wide: false }, headers: true, single: false },
      context(false, true),
    );
    expect(coloured).toContain('\u001b[32mSucceeded\u001b[39m');
    expect(coloured).toContain('\u001b[31mFailed\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(table(resources.promotion, promotions));
  });

  it('describes the step as position/total and name', () => {
    expect(promotions.map(step)).toEqual(['6/6', '3/6 kustomize-set-image', '5/6 git-push', '0/6']);
  });
});
