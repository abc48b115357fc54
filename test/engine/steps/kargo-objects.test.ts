import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../src/kube/resources.js';
import type { Freight, Stage } from '../../../src/model/kargo.js';
import { setFreightAliasStep } from '../../../src/engine/steps/set-freight-alias.js';
import { setMetadataStep } from '../../../src/engine/steps/set-metadata.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { startEngineCluster, type EngineCluster } from '../support/cluster.js';
import { freightObject, stageObject } from '../support/objects.js';
import { runStep, stepContext } from '../support/step-context.js';

const PROJECT = 'meta';
let env: EngineCluster;

beforeAll(async () => {
  env = await startEngineCluster();
  await env.namespace(PROJECT);
  await env.client.create(resources.stage, stageObject('test', PROJECT), PROJECT);
  await env.client.create(resources.freight, freightObject('f1', PROJECT, { alias: 'old-alias' }), PROJECT);
});
afterAll(() => env?.close());

const context = () => stepContext('/nonexistent', { client: env.client, project: PROJECT });

describe('set-metadata', () => {
  it('merges values into status.metadata of Stages and Freight', async () => {
    const result = await runStep(setMetadataStep, context(), {
      updates: [
        { kind: 'Stage', name: 'test', values: { deployedBy: 'ci', info: { n: 1 } } },
        { kind: 'Freight', name: 'f1', values: { approvedBy: ['ann'] } },
      ],
    });
    expect(result).toEqual({ status: 'Succeeded' });
    await runStep(setMetadataStep, context(), { updates: [{ kind: 'Stage', name: 'test', values: { second: true } }] });
    const stage = await env.client.get<Stage & { status?: { metadata?: unknown } }>(resources.stage, 'test', PROJECT);
    expect(stage.status?.metadata).toEqual({ deployedBy: 'ci', info: { n: 1 }, second: true });
    const freight = await env.client.get<Freight>(resources.freight, 'f1', PROJECT);
    expect(freight.status?.metadata).toEqual({ approvedBy: ['ann'] });
  });

  it('names the missing object', async () => {
    await expect(runStep(setMetadataStep, context(), { updates: [{ kind: 'Freight', name: 'ghost', values: { a: 1 } }] })).rejects.toThrow(
      /^error getting Freight: .*ghost.* not found/,
    );
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('set-metadata', setMetadataStep.validate, [
      { name: 'one update', config: { updates: [{ kind: 'Stage', name: 's', values: { a: 1 } }] }, valid: true },
      { name: 'no updates', config: { updates: [] }, valid: false },
      { name: 'bad kind', config: { updates: [{ kind: 'Warehouse', name: 's', values: { a: 1 } }] }, valid: false },
      { name: 'empty values', config: { updates: [{ kind: 'Stage', name: 's', values: {} }] }, valid: false },
      { name: 'missing name', config: { updates: [{ kind: 'Stage', values: { a: 1 } }] }, valid: false },
    ]);
    expect(setMetadataStep.validate({ updates: [{ kind: 'Warehouse', name: 's', values: { a: 1 } }] })).toEqual([
      'updates.0.kind: updates.0.kind must be one of the following: "Stage", "Freight"',
    ]);
  });
});

describe('set-freight-alias', () => {
  it('sets the alias field and label, and says what changed', async () => {
    const result = await runStep(setFreightAliasStep, context(), { name: 'f1', alias: 'shiny-otter' });
    expect(result).toEqual({ status: 'Succeeded', message: 'updated alias of Freight "f1" from "old-alias" to "shiny-otter"' });
    const freight = await env.client.get<Freight>(resources.freight, 'f1', PROJECT);
    expect(freight.alias).toBe('shiny-otter');
    expect(freight.metadata.labels?.['kargo.akuity.io/alias']).toBe('shiny-otter');
  });

  it('fails terminally for unknown Freight', async () => {
    const attempt = runStep(setFreightAliasStep, context(), { name: 'ghost', alias: 'x' });
    await expect(attempt).rejects.toThrow('freight "ghost" not found in project "meta"');
    await expect(attempt).rejects.toMatchObject({ status: 'Failed' });
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('set-freight-alias', setFreightAliasStep.validate, [
      { name: 'ok', config: { name: 'f', alias: 'a' }, valid: true },
      { name: 'no alias', config: { name: 'f' }, valid: false },
      { name: 'empty alias', config: { name: 'f', alias: '' }, valid: false },
      { name: 'extra', config: { name: 'f', alias: 'a', force: true }, valid: false },
    ]);
  });
});
