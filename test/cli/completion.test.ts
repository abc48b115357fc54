// Shell completion: the committed scripts match the generator, bash completes
// commands, flags and values (static and from the cluster), and `__complete`
// stays quick and silent when the cluster cannot answer. The bash script runs in
// a real bash, driven as bash's programmable completion drives it (COMP_WORDS,
// COMP_CWORD, compgen). zsh and fish are not installed on the machines these tests
// were written on, so their scripts are held to the generator only (the golden
// check below), not run.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allCommands, completionModel } from '../../src/cli/completion-model.js';
import { buildFullProgram } from '../../src/root-command.js';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { resources } from '../../src/kube/resources.js';
import type { KubeObject } from '../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { applyExamples, PROJECT } from './support/examples.js';
import { rewriteKubeconfig } from './support/kubeconfigs.js';
import { captureStream, isolatedHome, runKargo } from './support/run-kargo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'kargo.js');
const run = promisify(execFile);
const BASH = '/usr/bin/bash';
let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  // Values from the cluster get 300 ms by default; on a loaded test machine a
  // request can take longer, so the tests of which values come back allow more.
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_COMPLETION_TIMEOUT: '10s' };
});

afterAll(async () => {
  await cluster?.close();
});

describe('committed completion scripts', () => {
  it.each(['bash', 'zsh', 'fish', 'powershell'])('completions/kargo.%s is what `kargo completion` generates', async (shell) => {
    const generated = await runKargo(['completion', shell]);
    expect(generated.code).toBe(0);
    const path = join(ROOT, 'completions', `kargo.${shell === 'powershell' ? 'ps1' : shell}`);
    // After changing the command tree: UPDATE_GOLDEN=1 npx vitest run test/cli/completion.test.ts
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, generated.stdout);
    expect(generated.stdout, `completions/kargo.${shell} is stale; regenerate with UPDATE_GOLDEN=1`).toBe(readFileSync(path, 'utf8'));
  });
});

/** Runs bash completion for a command line whose last word is being completed. */
async function complete(words: string[]): Promise<string[]> {
  const script = ['source "$1"; shift', 'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))', '_kargo', 'printf "%s\\n" "${COMPREPLY[@]}"'].join('\n');
  const { stdout } = await run(BASH, ['-c', script, 'bash', join(ROOT, 'completions', 'kargo.bash'), BIN, ...words], {
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
    const { KARGO_COMPLETION_TIMEOUT: _longer, ...defaults } = env;
    const slow = await runKargo(['__complete', 'stages', '-p', PROJECT], { env: defaults }).finally(() => fault.remove());
    expect(slow).toEqual({ code: 0, stdout: '', stderr: '' });
    // In process there is no start-up cost: the 300 ms deadline, plus what a loaded machine adds.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stays out of help', async () => {
    expect((await runKargo(['--help'])).stdout).not.toContain('__complete');
  });
});

/** The visible command tree: every path with its subcommands, long flags and positional arguments. */
async function visibleTree(): Promise<{ path: string[]; subcommands: string[]; flags: string[]; args: string[] }[]> {
  const program = await buildFullProgram({
    io: { stdout: captureStream(), stderr: captureStream() },
    env: {},
    clock: { now: () => new Date(0), sleep: async () => undefined },
    signal: new AbortController().signal,
    kube: () => Promise.reject(new Error('the tree needs no cluster')),
  });
  const rows: { path: string[]; subcommands: string[]; flags: string[]; args: string[] }[] = [];
  const walk = (command: Command, path: string[]): void => {
    const visible = command.commands.filter((child) => !child.name().startsWith('__'));
    rows.push({
      path,
      subcommands: visible.map((child) => child.name()),
      flags: command.options.filter((option) => !option.hidden && option.long).map((option) => option.long ?? ''),
      args: command.registeredArguments.map((argument) => argument.name()),
    });
    for (const child of visible) walk(child, [...path, child.name()]);
  };
  walk(program, []);
  return rows;
}

describe('bash completion covers the whole tree', () => {
  it('every subcommand and every flag of every command completes', async () => {
    for (const { path, subcommands, flags } of await visibleTree()) {
      if (subcommands.length > 0) expect(await complete([...path, '']), `kargo ${path.join(' ')} <TAB>`).toEqual(expect.arrayContaining(subcommands));
      const offered = await complete([...path, '--']);
      for (const flag of flags) expect(offered, `kargo ${path.join(' ')} --<TAB> offers ${flag}`).toContain(flag);
      // The global flags complete after every command.
      expect(offered).toEqual(expect.arrayContaining(['--kubeconfig', '--context', '--project', '--output']));
    }
  });

  it('every positional argument has a completion (names from the cluster, or fixed values)', async () => {
    const program = await buildFullProgram({
      io: { stdout: captureStream(), stderr: captureStream() },
      env: {},
      clock: { now: () => new Date(0), sleep: async () => undefined },
      signal: new AbortController().signal,
      kube: () => Promise.reject(new Error('the tree needs no cluster')),
    });
    const model = allCommands(completionModel(program));
    const tree = await visibleTree();
    const missing = tree
      .filter((row) => row.args.length > 0 && !FREE_FORM_ARGUMENTS.has(row.path.join(' ')))
      .filter((row) => (model.find((spec) => spec.path === row.path.join(' '))?.args.length ?? 0) === 0)
      .map((row) => `kargo ${row.path.join(' ')} <${row.args.join('> <')}>`);
    // Fix: completeArguments(command, hint…) in the command's module, or list it in NOT_COMPLETED with why.
    expect(missing).toEqual([]);
  });
});

/** Commands whose positional arguments complete to nothing, and why. */
const NOT_COMPLETED: Record<string, string> = {
  'create project': 'a new name',
  'create repo-credentials': 'a new name',
  'create generic-credentials': 'a new name',
  'create configmap': 'a new name',
  'create role': 'a new name',
  'create token': 'a new name',
  'sandbox push-image': 'a new image tag',
  login: 'answered with a pointer to the kubeconfig',
  logout: 'answered with a pointer to the kubeconfig',
  server: 'answered with a pointer to the kubeconfig',
};
const FREE_FORM_ARGUMENTS = new Set(Object.keys(NOT_COMPLETED));

describe('bash completion of values', () => {
  it('names the Stage, Warehouse, Promotion or Freight a command acts on', async () => {
    expect(await complete(['verify', 'stage', '-p', PROJECT, 'staging'])).toEqual(['staging-eu', 'staging-us']);
    expect(await complete(['refresh', 'stage', '-p', PROJECT, 'prod'])).toEqual(['prod-eu', 'prod-us']);
    expect(await complete(['refresh', 'warehouse', '-p', PROJECT, ''])).toEqual(['app-images', 'infra-config']);
    expect(await complete(['update', 'freight', '-p', PROJECT, 'b'])).toEqual(['bold-maple', 'brave-heron']);
    expect(await complete(['rollback', '-p', PROJECT, '--stage', 'prod-eu', '--to', 'b'])).toEqual(['bold-maple', 'brave-heron']);
    const freight = (await admin.list<KubeObject>(resources.freight, PROJECT)).items[0]!.metadata.name!;
    for (const name of ['prod-eu.01completion', 'prod-us.01completion']) {
      await admin.create(
        resources.promotion,
        {
          apiVersion: 'kargo.akuity.io/v1alpha1',
          kind: 'Promotion',
          metadata: { name, namespace: PROJECT },
          spec: { stage: name.split('.')[0], freight, steps: [{ uses: 'git-clone' }] },
        },
        PROJECT,
      );
    }
    expect(await complete(['abort', 'promotion', '-p', PROJECT, 'prod-'])).toEqual(['prod-eu.01completion', 'prod-us.01completion']);
    expect(await complete(['completion', ''])).toEqual(['bash', 'zsh', 'fish', 'powershell']);
  });

  it('names credentials, ConfigMaps, roles and tokens of the project (never a value)', async () => {
    const secret = (name: string, labels: Record<string, string>, type?: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: PROJECT, labels },
      ...(type ? { type } : {}),
      data: { password: Buffer.from('hunter2').toString('base64') },
    });
    await admin.create(resources.secret, secret('git-creds', { 'kargo.akuity.io/cred-type': 'git' }), PROJECT);
    await admin.create(resources.secret, secret('api-keys', { 'kargo.akuity.io/cred-type': 'generic' }), PROJECT);
    await admin.create(resources.configMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: PROJECT }, data: {} }, PROJECT);
    await admin.create(resources.serviceAccount, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployers', namespace: PROJECT } }, PROJECT);
    expect(await complete(['delete', 'repo-credentials', '-p', PROJECT, ''])).toEqual(['git-creds']);
    expect(await complete(['update', 'generic-credentials', '-p', PROJECT, ''])).toEqual(['api-keys']);
    expect(await complete(['get', 'configmaps', '-p', PROJECT, 'se'])).toEqual(['settings']);
    expect(await complete(['delete', 'role', '-p', PROJECT, 'dep'])).toEqual(['deployers']);
    expect(await complete(['grant', '-p', PROJECT, '--role', 'dep'])).toEqual(['deployers']);
  });

  it('completes --flag=value, whether bash split the word at "=" or not', async () => {
    expect(await complete(['get', 'freight', '-p', PROJECT, '--stage', '=', 'prod'])).toEqual(['prod-eu', 'prod-us']);
    expect(await complete(['get', 'freight', '-p', PROJECT, '--stage', '='])).toEqual(['prod-eu', 'prod-us', 'staging-eu', 'staging-us', 'dev'].sort());
    expect(await complete(['get', 'freight', '-p', PROJECT, '--stage=prod'])).toEqual(['--stage=prod-eu', '--stage=prod-us']);
    expect(await complete(['--project', '=', PROJECT, 'get', 'stages', 'staging'])).toEqual(['staging-eu', 'staging-us']);
    expect(await complete(['--output=ya'])).toEqual(['--output=yaml']);
  });

  it('offers --context values from the kubeconfig, and paths for file and directory flags', async () => {
    const kubeconfig = rewriteKubeconfig(cluster.kubeconfigPath, 'completion-contexts', (config) => {
      const first = config.contexts[0]!;
      config.contexts.push({ name: 'prod-cluster', context: first.context }, { name: 'staging-cluster', context: first.context });
    });
    expect(await complete(['--kubeconfig', kubeconfig, 'get', 'stages', '--context', ''])).toEqual([...readKubeconfigContexts(kubeconfig)].sort());
    expect(await complete(['--kubeconfig', kubeconfig, '--context', 'pr'])).toEqual(['prod-cluster']);
    const dir = mkdtempSync(join(tmpdir(), 'kargo-completion-paths-'));
    mkdirSync(join(dir, 'state'));
    writeFileSync(join(dir, 'stages.yaml'), '');
    expect(await complete(['--kubeconfig', join(dir, 'st')])).toEqual([join(dir, 'stages.yaml'), join(dir, 'state')].sort());
    expect(await complete(['sandbox', 'start', '--state-dir', join(dir, 'st')])).toEqual([join(dir, 'state')]);
  });
});

function readKubeconfigContexts(path: string): string[] {
  return (parseYaml(readFileSync(path, 'utf8')) as { contexts: { name: string }[] }).contexts.map((context) => context.name);
}

/** Runs bin/kubectl_complete-kargo.cjs as kubectl does for `kubectl kargo WORDS<TAB>`. */
async function kubectlComplete(words: string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'kubectl_complete-kargo.cjs'), ...words], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return stdout.split('\n').filter(Boolean);
}

describe('kubectl kargo <TAB> (kubectl_complete-kargo, cobra protocol)', () => {
  it('is installed beside kubectl-kargo', () => {
    const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    expect(bin['kubectl_complete-kargo']).toBe('bin/kubectl_complete-kargo.cjs');
    expect(bin['kubectl-kargo']).toBe('bin/kargo.js');
  });

  it('answers candidates then a directive, for commands, flags, values from the cluster and paths', async () => {
    expect(await kubectlComplete(['ver'])).toEqual(['verify', 'version', ':4']);
    expect(await kubectlComplete(['verify', 'stage', '-p', PROJECT, 'staging'])).toEqual(['staging-eu', 'staging-us', ':4']);
    expect(await kubectlComplete(['get', 'freight', `--project=${PROJECT}`, '--stage=prod'])).toEqual(['--stage=prod-eu', '--stage=prod-us', ':4']);
    expect(await kubectlComplete(['abort', 'promotion', '-p', PROJECT, 'nothing-like-this'])).toEqual([':4']);
    expect(await kubectlComplete(['get', '--output', ''])).toEqual(expect.arrayContaining(['json', 'yaml', ':4']));
    // Paths: no candidates, directive 0 (kubectl's shell completes files) or 16 (directories).
    expect(await kubectlComplete(['--kubeconfig', ''])).toEqual([':0']);
    expect(await kubectlComplete(['sandbox', 'start', '--state-dir', ''])).toEqual([':16']);
  });
});
