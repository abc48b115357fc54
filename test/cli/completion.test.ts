// Shell completion: the committed scripts match the generator, bash completes
// commands, flags and values (static and from the cluster), and `__complete`
// stays quick and silent when the cluster cannot answer.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../src/kube/http-client.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { applyExamples, PROJECT } from './support/examples.js';
import { rewriteKubeconfig } from './support/kubeconfigs.js';
import { captureStream, isolatedHome, runKargo } from './support/run-kargo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'kargo.js');
const run = promisify(execFile);
let cluster: TestCluster;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
});

afterAll(async () => {
  await cluster?.close();
});

describe('committed completion scripts', () => {
  it.each(['bash', 'zsh', 'fish'])('completions/kargo.%s is what `kargo completion` generates', async (shell) => {
    const generated = await runKargo(['completion', shell]);
    expect(generated.code).toBe(0);
    const path = join(ROOT, 'completions', `kargo.${shell}`);
    // After changing the command tree: UPDATE_GOLDEN=1 npx vitest run test/cli/completion.test.ts
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, generated.stdout);
    expect(generated.stdout, `completions/kargo.${shell} is stale; regenerate with UPDATE_GOLDEN=1`).toBe(readFileSync(path, 'utf8'));
  });
});

/** Runs bash completion for a command line whose last word is being completed. */
async function complete(words: string[]): Promise<string[]> {
  const script = ['source "$1"; shift', 'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))', '_kargo', 'printf "%s\\n" "${COMPREPLY[@]}"'].join('\n');
  const { stdout } = await run('bash', ['-c', script, 'bash', join(ROOT, 'completions', 'kargo.bash'), BIN, ...words], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return stdout.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('completes commands, subcommands and flags from the tree', async () => {
    expect(await complete(['ge'])).toEqual(['get']);
    expect(await complete(['config', ''])).toEqual(['set-project', 'get-project', 'view']);
    expect((await complete(['get', '--wa'])).sort()).toEqual(['--warehouse', '--watch']);
    expect(await complete(['get', 'stages', '-o', ''])).toEqual(['json', 'yaml', 'name', 'wide']);
    expect(await complete(['get', 'promo'])).toEqual([
      'promotions',
      'promotion',
      'promo',
      'promos',
      'promotiontasks',
      'promotiontask',
      'promotask',
      'promotasks',
    ]);
  });

  it('completes stage, freight (alias and name), warehouse and project values from the cluster', async () => {
    expect(await complete(['get', 'stages', '-p', PROJECT, 'staging'])).toEqual(['staging-eu', 'staging-us']);
    expect(await complete(['-p', PROJECT, 'get', 'freight', 'b'])).toEqual(['bold-maple', 'brave-heron']);
    expect(await complete(['get', 'freight', '-p', PROJECT, '--warehouse', ''])).toEqual(['app-images', 'infra-config']);
    expect(await complete(['get', 'freight', '-p', PROJECT, '--stage', 'prod'])).toEqual(['prod-eu', 'prod-us']);
    expect(await complete(['config', 'set-project', ''])).toEqual([PROJECT]);
  });
});

describe('kargo __complete', () => {
  it('prints freight aliases, then names', async () => {
    const result = await runKargo(['__complete', 'freight', '-p', PROJECT], { env });
    expect(result.code).toBe(0);
    const values = result.stdout.trimEnd().split('\n');
    expect(values.slice(0, 5)).toEqual(['bold-maple', 'brave-heron', 'quiet-lynx', 'steady-otter', 'tidy-fern']);
    expect(values).toHaveLength(10);
  });

  it('is silent and quick when the cluster is unreachable or slow', async () => {
    const down = rewriteKubeconfig(cluster.kubeconfigPath, 'completion-down', (config) => {
      config.clusters[0]!.cluster.server = 'https://127.0.0.1:1';
    });
    expect(await runKargo(['__complete', 'stages', '-p', PROJECT], { env: { ...env, KUBECONFIG: down } })).toEqual({ code: 0, stdout: '', stderr: '' });

    const fault = cluster.server.faults.add({ match: { resource: 'stages' }, latencyMs: 5000 });
    const started = Date.now();
    const slow = await runKargo(['__complete', 'stages', '-p', PROJECT], { env }).finally(() => fault.remove());
    expect(slow).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('stays out of help', async () => {
    expect((await runKargo(['--help'])).stdout).not.toContain('__complete');
  });
});
