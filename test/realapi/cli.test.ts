// The real bin/kargo against the real kube-apiserver with Kargo v1.11.2's CRDs:
// the workflow commands run as child processes, the test's fake controller plays
// Kargo, the audit log shows exactly what each user wrote, and every object the
// CLI wrote is replayed with fieldValidation=Strict.

import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { KubeClient } from '../../src/kube/client.js';
import { resources } from '../../src/kube/resources.js';
import type { Promotion } from '../../src/model/kargo.js';
import { type ControllerScript, FakeKargoController } from '../workflow/fake-controller.js';
import { createProject, FREIGHT } from '../workflow/fixtures.js';
import { clientFor } from '../workflow/harness.js';
import { type AuditEvent, writesBy } from './audit.js';
import { adminKubeconfigPath, mintedKubeconfigPath, rawRequest, realApi, unknownTokenKubeconfigPath } from './cluster.js';
import { kargo } from './kargo-process.js';
import { promotionName } from '../support/promotion-output.js';

interface Project {
  name: string;
  admin: KubeClient;
  controller: FakeKargoController;
}

let sequence = 0;
const opened: Project[] = [];

afterEach(() => {
  for (const project of opened.splice(0)) project.controller.stop();
});

async function openProject(script: ControllerScript = {}): Promise<Project> {
  const name = `cli-${process.pid}-${++sequence}`;
  const admin = await clientFor(adminKubeconfigPath());
  await createProject(admin, name);
  const project = { name, admin, controller: new FakeKargoController(admin, name, script).start() };
  opened.push(project);
  return project;
}

/** A user name unique to this run, so the audit log can be filtered by it. */
const uniqueUser = (base: string): string => `${base}-${process.pid}-${++sequence}`;

const promotionsIn = async (project: Project): Promise<Promotion[]> => (await project.admin.list<Promotion>(resources.promotion, project.name)).items;

describe('bin/kargo against kube-apiserver', () => {
  it('get, promote (--dry-run, --wait), approve, verify, refresh and abort work, and every write passes fieldValidation=Strict', async () => {
    const project = await openProject({ holdPromotion: (promotion) => promotion.spec.stage === 'qa' });
    const user = uniqueUser('operator');
    const kubeconfig = await mintedKubeconfigPath(user, ['system:masters']);
    const p = ['-p', project.name];

    const get = await kargo(['get', 'stages', ...p], kubeconfig);
    expect(get.stderr).toBe('');
    expect(get.code).toBe(ExitCode.Success);
    expect(get.stdout).toMatch(/dev[\s\S]*staging/);

    const dryRun = await kargo(['promote', ...p, '--stage', 'dev', '--freight', FREIGHT.next.alias, '--dry-run', '-o', 'json'], kubeconfig);
    expect(dryRun.code).toBe(ExitCode.Success);
    expect(await promotionsIn(project)).toEqual([]);

    const promote = await kargo(['promote', ...p, '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait'], kubeconfig);
    expect(promote.code).toBe(ExitCode.Success);
    expect((await promotionsIn(project)).map((promotion) => promotion.metadata.name)).toEqual([promotionName(promote.stdout)]);

    expect((await kargo(['approve', ...p, '--freight', FREIGHT.next.alias, '--stage', 'prod'], kubeconfig)).code).toBe(ExitCode.Success);
    expect((await kargo(['verify', 'stage', 'dev', ...p], kubeconfig)).code).toBe(ExitCode.Success);
    expect((await kargo(['refresh', 'warehouse', 'images', ...p, '--wait', '--timeout', '20s'], kubeconfig)).code).toBe(ExitCode.Success);

    const held = await kargo(['promote', ...p, '--stage', 'qa', '--freight', FREIGHT.next.alias], kubeconfig);
    expect(held.code).toBe(ExitCode.Success);
    expect((await kargo(['abort', 'promotion', promotionName(held.stdout), ...p], kubeconfig)).code).toBe(ExitCode.Success);

    const writes = writesBy(realApi().dir, user);
    const written = new Set(
      writes.map((event) => `${event.verb} ${event.objectRef?.resource}${event.objectRef?.subresource ? `/${event.objectRef.subresource}` : ''}`),
    );
    expect([...written]).toEqual(expect.arrayContaining(['create promotions', 'patch freights/status']));
    expect(writes.length).toBeGreaterThanOrEqual(5);
    const rejected: string[] = [];
    for (const event of writes) {
      const replay = await replayStrict(event);
      if (replay) rejected.push(replay);
    }
    expect(rejected).toEqual([]);
  });

  it('a viewer can get, but promote exits 4 naming the missing permission and writes nothing', async () => {
    const project = await openProject();
    const user = uniqueUser('viewer');
    const kubeconfig = await mintedKubeconfigPath(user, ['kargo-viewer']);

    const get = await kargo(['get', 'stages', '-p', project.name], kubeconfig);
    expect(get.code).toBe(ExitCode.Success);
    expect(get.stdout).toContain('staging');

    const promote = await kargo(['promote', '-p', project.name, '--stage', 'dev', '--freight', FREIGHT.next.alias], kubeconfig);
    expect(promote.code).toBe(ExitCode.Forbidden);
    expect(promote.stderr).toContain(`${user} may not promote to Stage "dev"`);
    expect(promote.stderr).toMatch(/missing permission "promote" on stages\.kargo\.akuity\.io\/dev/);
    expect(await promotionsIn(project)).toEqual([]);
    expect(writesBy(realApi().dir, user)).toEqual([]);
  });

  it('a promoter can promote but not abort', async () => {
    const project = await openProject({ holdPromotion: () => true });
    const kubeconfig = await mintedKubeconfigPath(uniqueUser('promoter'), ['kargo-promoter']);

    const promote = await kargo(['promote', '-p', project.name, '--stage', 'dev', '--freight', FREIGHT.next.alias], kubeconfig);
    expect(promote.code).toBe(ExitCode.Success);
    const name = promotionName(promote.stdout);

    const abort = await kargo(['abort', 'promotion', name, '-p', project.name], kubeconfig);
    expect(abort.code).toBe(ExitCode.Forbidden);
    expect(abort.stderr).toContain(`missing permission "patch" on promotions.kargo.akuity.io/${name}`);
    const [promotion] = await promotionsIn(project);
    expect(promotion?.metadata.annotations?.['kargo.akuity.io/abort']).toBeUndefined();
  });

  it('an unknown token exits 4 with an authentication message', async () => {
    const project = await openProject();
    const run = await kargo(['get', 'stages', '-p', project.name], unknownTokenKubeconfigPath());
    expect(run.code).toBe(ExitCode.Forbidden);
    expect(run.stderr).toContain('rejected your credentials (401 Unauthorized)');
  });
});

/**
 * Sends a logged write again as a server-side dry run with fieldValidation=Strict;
 * returns a description of the rejection, or undefined when accepted.
 */
async function replayStrict(event: AuditEvent): Promise<string | undefined> {
  if (event.verb === 'delete' || event.requestObject === undefined) return undefined;
  const path = `${event.requestURI.split('?')[0]}?dryRun=All&fieldValidation=Strict`;
  let body: unknown = event.requestObject;
  let contentType = 'application/json';
  let method = 'POST';
  if (event.verb === 'create') {
    // A dry-run create under the same name would only report AlreadyExists.
    const object = body as { metadata?: { name?: string } };
    if (object.metadata?.name) body = { ...object, metadata: { ...object.metadata, name: `${object.metadata.name}-strict` } };
  } else {
    method = event.verb === 'update' ? 'PUT' : 'PATCH';
    if (Array.isArray(body)) contentType = 'application/json-patch+json';
    else if (method === 'PATCH') contentType = 'application/merge-patch+json';
    // The original's resourceVersion precondition is stale by now.
    if (!Array.isArray(body)) body = withoutResourceVersion(body as { metadata?: Record<string, unknown> });
  }
  const response = await rawRequest(adminKubeconfigPath(), method, path, body, contentType);
  if (response.status >= 200 && response.status < 300) return undefined;
  return `${event.verb} ${event.requestURI} (${contentType}) -> ${response.status} ${response.body}`;
}

function withoutResourceVersion(object: { metadata?: Record<string, unknown> }): unknown {
  if (!object.metadata || !('resourceVersion' in object.metadata)) return object;
  const { resourceVersion: _stale, ...metadata } = object.metadata;
  return { ...object, metadata };
}
