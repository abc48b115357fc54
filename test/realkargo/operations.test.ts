// rollback, refresh, update freight and what get/status show, against real
// Kargo: every status they read was written by Kargo's controller.

import { describe, expect, it } from 'vitest';
import { EXIT } from './cli.js';
import { getFreight, getStage, promotionsOf } from './kargo-state.js';
import { RESOURCES } from './kube-json.js';
import { createFreight } from './pipeline.js';
import { FREIGHT, useScenarios } from './scenario.js';
import { waitFor } from './wait.js';

const { open } = useScenarios();

/** The data rows of a table printed by `kargo get`, as column name → cell. */
function tableRows(stdout: string): Record<string, string>[] {
  const [header, ...lines] = stdout.trimEnd().split('\n');
  const starts = [...header!.matchAll(/\S+(?: \S+)*/g)].map((match) => ({ name: match[0], at: match.index }));
  return lines.map((line) => Object.fromEntries(starts.map((column, i) => [column.name, line.slice(column.at, starts[i + 1]?.at ?? line.length).trim()])));
}

describe('operations against Kargo v1.11.2', () => {
  it('rollback --wait promotes the previous freight back; Kargo runs it like any Promotion', async () => {
    const s = await open();
    expect((await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v1.alias, '--wait'])).code).toBe(EXIT.success);
    expect((await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v2.alias, '--wait'])).code).toBe(EXIT.success);
    const run = await s.kargo(['rollback', '--stage', 'dev', '--wait']);
    expect(run.stderr).toContain(`Rolling back Stage dev: ${FREIGHT.v2.alias}`);
    expect(run.code).toBe(EXIT.success);
    const rollback = (await promotionsOf(s, 'dev')).find((promotion) => promotion.metadata.name === run.stdout.trim());
    expect(rollback?.spec.freight).toBe(s.freight[FREIGHT.v1.alias]);
    expect(rollback?.status?.phase).toBe('Succeeded');
    const stage = await getStage(s, 'dev');
    expect(Object.values(stage.status?.freightHistory?.[0]?.items ?? {}).map((item) => item.name)).toEqual([s.freight[FREIGHT.v1.alias]]);
  });

  it('refresh stage and warehouse --wait return once Kargo echoed the token', async () => {
    const s = await open();
    const stage = await s.kargo(['refresh', 'stage', 'dev', '--wait', '--timeout', '60s']);
    expect(stage.code).toBe(EXIT.success);
    expect(stage.stderr).toMatch(/Stage \S+\/dev refreshed/);
    expect((await getStage(s, 'dev')).status?.lastHandledRefresh).toBeTruthy();
    const warehouse = await s.kargo(['refresh', 'warehouse', 'shop', '--wait', '--timeout', '60s']);
    expect(warehouse.code).toBe(EXIT.success);
    expect(warehouse.stderr).toMatch(/Warehouse \S+\/shop refreshed/);
  });

  it("update freight changes the alias, accepted by Kargo's webhook, and refuses a taken one", async () => {
    const s = await open();
    const run = await s.kargo(['update', 'freight', FREIGHT.v3.alias, '--alias', 'release-1-2']);
    expect(run.code).toBe(EXIT.success);
    const freight = await getFreight(s, s.freight[FREIGHT.v3.alias]!);
    expect(freight.alias).toBe('release-1-2');
    expect(freight.metadata.labels?.['kargo.akuity.io/alias']).toBe('release-1-2');
    const taken = await s.kargo(['update', 'freight', FREIGHT.v1.alias, '--alias', 'release-1-2']);
    expect(taken.code).toBe(EXIT.refused);
  });

  // Regression: VERIFICATION said Pending where Kargo's Verified condition says NoFreight.
  it("get stages shows Kargo's NoFreight for a verified Stage without freight", async () => {
    const s = await open();
    await waitFor('Kargo to set the Verified condition of staging', async () => {
      const conditions = (await getStage(s, 'staging')).status?.conditions ?? [];
      return conditions.find((condition) => condition.type === 'Verified' && condition.reason === 'NoFreight');
    });
    const run = await s.kargo(['get', 'stages', 'staging']);
    expect(run.code).toBe(EXIT.success);
    expect(tableRows(run.stdout)[0]?.VERIFICATION).toBe('NoFreight');
  });

  // Regression: a Stage whose only Promotion failed showed <none>; Kargo's summary says 0/1 Fulfilled.
  it("get stages shows Kargo's freight summary for a Stage that has none yet", async () => {
    const s = await open();
    expect((await s.kargo(['promote', '--stage', 'broken', '--freight', FREIGHT.v1.alias, '--wait'])).code).toBe(EXIT.promotionFailed);
    const summary = await waitFor(
      'Kargo to write the freight summary of broken',
      async () => (await getStage(s, 'broken')).status?.freightSummary || undefined,
    );
    expect(summary).toBe('0/1 Fulfilled');
    const run = await s.kargo(['get', 'stages', 'broken']);
    expect(tableRows(run.stdout)[0]?.['CURRENT FREIGHT']).toBe('0/1 Fulfilled');
  });

  // Regression: "latest" was whichever same-second Freight the list returned first.
  it('status names as latest the Freight that promote --warehouse would pick, also for Freight made in the same second', async () => {
    const s = await open([]);
    const made = await waitFor('two Freight created within the same second', async () => {
      const suffix = Date.now().toString(36);
      const names = [
        await createFreight(s.admin, s.project, { alias: `first-${suffix}`, tag: `2.0.${suffix}-a` }),
        await createFreight(s.admin, s.project, { alias: `second-${suffix}`, tag: `2.0.${suffix}-b` }),
      ];
      const created = await Promise.all(names.map((name) => getFreight(s, name)));
      return created[0]!.metadata.creationTimestamp === created[1]!.metadata.creationTimestamp ? created : undefined;
    });
    const pick = await s.kargo(['promote', '--stage', 'dev', '--warehouse', 'shop', '--dry-run', '-o', 'json']);
    expect(pick.code).toBe(EXIT.success);
    const picked = await getFreight(s, (JSON.parse(pick.stdout) as { spec: { freight: string } }).spec.freight);
    // The newest second holds a tie (an earlier attempt may have left a third Freight in it).
    expect(picked.metadata.creationTimestamp).toBe(made[0]!.metadata.creationTimestamp);
    const status = await s.kargo(['status']);
    expect(status.code).toBe(EXIT.success);
    expect(status.stdout).toMatch(new RegExp(`latest ${picked.alias}\\b`));
    expect(await s.admin.list(RESOURCES.promotion, s.project)).toHaveLength(0);
  });
});
