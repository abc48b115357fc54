// A corrupt state file (object, users.json, tls.json, the resourceVersion mark)
// is named in the log, set aside as `<file>.corrupt-<time>`, and the server
// starts with everything else.

import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type EmbeddedServer } from '../../src/server/index.js';
import { ApiClient } from '../protocol/api-client.js';

const dirs: string[] = [];
const servers: EmbeddedServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(stateDir: string, lines: string[] = []): Promise<{ server: EmbeddedServer; client: ApiClient }> {
  const server = await startServer({ stateDir, log: (line) => lines.push(line) });
  servers.push(server);
  const kubeconfig = join(stateDir, 'admin.kubeconfig');
  await writeFile(kubeconfig, server.kubeconfig(), { mode: 0o600 });
  return { server, client: await ApiClient.fromKubeconfig(kubeconfig) };
}

async function stateWithTwoConfigMaps(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kargo-corrupt-'));
  dirs.push(dir);
  const { server, client } = await start(dir);
  for (const name of ['good', 'bad']) {
    const created = await client.post('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: name } });
    expect(created.status).toBe(201);
  }
  await server.close();
  servers.splice(servers.indexOf(server), 1);
  return dir;
}

const objectFile = (dir: string, name: string): string => join(dir, 'objects', 'configmaps', `default~${name}.json`);
const asideFiles = (dir: string, prefix: string): string[] => readdirSync(dir).filter((file) => file.startsWith(`${prefix}.corrupt-`));

describe('corrupt state files', () => {
  it.each([
    ['truncated JSON', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"na'],
    ['an empty file', ''],
    ['JSON that is not an object', '[1,2,3]'],
  ])('sets aside an object file holding %s and serves the rest', async (_, content) => {
    const dir = await stateWithTwoConfigMaps();
    await writeFile(objectFile(dir, 'bad'), content);
    const lines: string[] = [];
    const { client } = await start(dir, lines);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(objectFile(dir, 'bad'));
    expect(lines[0]).toMatch(/moved it to .*default~bad\.json\.corrupt-\d{4}-/);
    expect(existsSync(objectFile(dir, 'bad'))).toBe(false);
    expect(asideFiles(join(dir, 'objects', 'configmaps'), 'default~bad.json')).toHaveLength(1);
    expect((await client.get('/api/v1/namespaces/default/configmaps/good')).status).toBe(200);
    expect((await client.get('/api/v1/namespaces/default/configmaps/bad')).status).toBe(404);
  });

  it('sets aside a corrupt users.json and issues a new admin token', async () => {
    const dir = await stateWithTwoConfigMaps();
    const before = await readFile(join(dir, 'users.json'), 'utf8');
    await writeFile(join(dir, 'users.json'), before.slice(0, 20));
    const lines: string[] = [];
    const { server, client } = await start(dir, lines);
    expect(lines.join('\n')).toContain(join(dir, 'users.json'));
    expect(asideFiles(dir, 'users.json')).toHaveLength(1);
    expect(before).not.toContain(server.adminToken);
    expect((await client.get('/api/v1/namespaces/default/configmaps/good')).status).toBe(200);
    expect(JSON.parse(await readFile(join(dir, 'users.json'), 'utf8'))).toEqual([expect.objectContaining({ name: 'admin', token: server.adminToken })]);
  });

  it('sets aside a users.json that is JSON but not a list of users', async () => {
    const dir = await stateWithTwoConfigMaps();
    await writeFile(join(dir, 'users.json'), '{"admin":"x"}');
    const lines: string[] = [];
    const { client } = await start(dir, lines);
    expect(lines.join('\n')).toMatch(/users\.json is unreadable \(not a list of users\)/);
    expect((await client.get('/api/v1/namespaces/default/configmaps/good')).status).toBe(200);
  });

  it('sets aside a corrupt resource-version mark and still serves', async () => {
    const dir = await stateWithTwoConfigMaps();
    await writeFile(join(dir, 'resource-version'), 'garbage');
    const lines: string[] = [];
    const { client } = await start(dir, lines);
    expect(lines.join('\n')).toContain(join(dir, 'resource-version'));
    const created = await client.post<{ metadata: { resourceVersion: string } }>('/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'next' },
    });
    const good = await client.get<{ metadata: { resourceVersion: string } }>('/api/v1/namespaces/default/configmaps/good');
    expect(Number(created.body.metadata.resourceVersion)).toBeGreaterThan(Number(good.body.metadata.resourceVersion));
  });

  it('regenerates a corrupt tls.json and serves HTTPS', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kargo-corrupt-tls-'));
    dirs.push(dir);
    await writeFile(join(dir, 'tls.json'), '{"caCertPem":');
    const lines: string[] = [];
    const server = await startServer({ stateDir: dir, log: (line) => lines.push(line) });
    servers.push(server);
    expect(lines.join('\n')).toContain(join(dir, 'tls.json'));
    expect(server.url).toMatch(/^https:/);
    const kubeconfig = join(dir, 'admin.kubeconfig');
    await writeFile(kubeconfig, server.kubeconfig());
    expect((await (await ApiClient.fromKubeconfig(kubeconfig)).get('/api/v1/namespaces')).status).toBe(200);
  });

  it('starts silently from a healthy state', async () => {
    const dir = await stateWithTwoConfigMaps();
    const lines: string[] = [];
    await start(dir, lines);
    expect(lines).toEqual([]);
  });
});
