// `kargo config` (the settings file) and `kargo version`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_VERSION } from '../../src/cli/version-info.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { isolatedHome, runKargo } from './support/run-kargo.js';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
});

afterAll(async () => {
  await cluster?.close();
});

describe('kargo config', () => {
  it('stores the default project in $XDG_CONFIG_HOME/kargo/config.yaml and reads it back', async () => {
    const env = isolatedHome();
    const unset = await runKargo(['config', 'get-project'], { env });
    expect(unset.code).toBe(3);
    expect(unset.stderr).toContain('error: no default project is set');

    const set = await runKargo(['config', 'set-project', 'my-web-app'], { env });
    expect(set).toEqual({ code: 0, stdout: '', stderr: `Default project set to "my-web-app" (${join(env.XDG_CONFIG_HOME!, 'kargo', 'config.yaml')}).\n` });
    expect(readFileSync(join(env.XDG_CONFIG_HOME!, 'kargo', 'config.yaml'), 'utf8')).toBe('project: my-web-app\n');
    expect(await runKargo(['config', 'get-project'], { env })).toEqual({ code: 0, stdout: 'my-web-app\n', stderr: '' });
    expect((await runKargo(['config', 'view'], { env })).stdout).toBe('project: my-web-app\n');
    expect(JSON.parse((await runKargo(['config', 'view', '-o', 'json'], { env })).stdout)).toEqual({ project: 'my-web-app' });

    // As the real CLI's example: an empty name clears the default.
    const cleared = await runKargo(['config', 'set-project', ''], { env });
    expect(cleared.code).toBe(0);
    expect(cleared.stderr).toContain('Default project cleared');
    expect((await runKargo(['config', 'get-project'], { env })).code).toBe(3);
  });

  it('falls back to ~/.config without XDG_CONFIG_HOME, and rejects an invalid name with exit 2', async () => {
    const { HOME } = isolatedHome();
    await runKargo(['config', 'set-project', 'shop'], { env: { HOME } });
    expect(readFileSync(join(HOME!, '.config', 'kargo', 'config.yaml'), 'utf8')).toBe('project: shop\n');
    const invalid = await runKargo(['config', 'set-project', 'Not_A_Name'], { env: { HOME } });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('"Not_A_Name" is not a valid project name');
  });
});

describe('kargo version', () => {
  it('prints only the client version with --client, without touching a cluster', async () => {
    const result = await runKargo(['version', '--client'], { env: { KUBECONFIG: '/nonexistent' } });
    expect(result).toEqual({ code: 0, stdout: `Client Version: ${CLI_VERSION}\n`, stderr: '' });
  });

  it('reports the server version and which APIs are served', async () => {
    const env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
    const text = await runKargo(['version'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Client Version: .+\nServer Version: v\d+\.\d+.*\nKargo API \(kargo\.akuity\.io\/v1alpha1\): served\nArgo Rollouts API \(argoproj\.io\/v1alpha1\): served\n$/,
    );

    const fault = cluster.server.faults.add({
      match: { path: '/apis/argoproj.io/v1alpha1' },
      status: 404,
      message: 'the server could not find the requested resource',
    });
    const json = await runKargo(['version', '-o', 'json'], { env }).finally(() => fault.remove());
    expect(JSON.parse(json.stdout)).toMatchObject({ clientVersion: CLI_VERSION, kargoApiServed: true, rolloutsApiServed: false });
  });
});
