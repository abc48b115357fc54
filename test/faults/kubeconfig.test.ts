// bin/kargo with broken kubeconfigs: each problem is one line naming the entry,
// exit 2 (the kubeconfig) or 4 (its credentials), and not one byte reaches a
// server: the kubeconfigs point at a canary that counts connections.

import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// bin/kargo runs as a child process on a busy 2-core machine: give each case room.
vi.setConfig({ testTimeout: 60_000 });
import { firstLine, PROJECT, runKargo, startFaultEnv, type CaseUser, type FaultEnv } from './support/fault-env.js';

let env: FaultEnv;
let canary: Server;
let canaryUrl = '';
let connections = 0;
let caseNumber = 0;

beforeAll(async () => {
  env = await startFaultEnv();
  canary = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', () => resolve()));
  canaryUrl = `https://127.0.0.1:${(canary.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => canary?.close(resolve));
  await env?.close();
});

const COMMANDS: [string, string[]][] = [
  ['get stages', ['get', 'stages', '-p', PROJECT]],
  ['promote', ['promote', '--freight', 'quiet-lynx', '--stage', 'staging-us', '-p', PROJECT]],
];

interface ProblemCase {
  name: string;
  /** Writes the broken kubeconfig; returns its path (and extra argv). */
  kubeconfig: (user: CaseUser) => { path: string; argv?: string[] };
  code: number;
  message: (path: string) => RegExp;
}

const atCanary = (user: CaseUser, name: string, edit: (yaml: string) => string = (yaml) => yaml): string =>
  user.variant(name, (yaml) => edit(yaml.replace(/server: \S+/, `server: ${canaryUrl}`)));
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const exec = (command: string, args: string[]): string[] => [
  'exec:',
  '  apiVersion: client.authentication.k8s.io/v1',
  `  command: ${JSON.stringify(command)}`,
  `  args: ${JSON.stringify(args)}`,
  '  interactiveMode: Never',
];
/** Replaces the user's `token:` line with `lines`, at its indentation. */
const withUser = (yaml: string, lines: string[]): string =>
  yaml.replace(/^( *)token: \S+$/m, (_, indent: string) => lines.map((line) => indent + line).join('\n'));

const PROBLEMS: ProblemCase[] = [
  {
    name: 'a server that is not a URL',
    kubeconfig: (user) => ({ path: user.variant('not-url', (yaml) => yaml.replace(/server: \S+/, 'server: not a url')) }),
    code: 2,
    message: () =>
      /^error: cluster "kargo-embedded" in the kubeconfig has server "not a url", which is not an http\(s\) URL; expected e\.g\. https:\/\/my-cluster\.example:6443$/,
  },
  {
    name: 'an ftp:// server',
    kubeconfig: (user) => ({ path: user.variant('ftp', (yaml) => yaml.replace(/server: \S+/, 'server: ftp://127.0.0.1:21')) }),
    code: 2,
    message: () => /^error: cluster "kargo-embedded" in the kubeconfig has server "ftp:\/\/127\.0\.0\.1:21", which is not an http\(s\) URL/,
  },
  {
    name: 'an empty file',
    kubeconfig: (user) => ({ path: user.variant('empty', () => '') }),
    code: 2,
    message: (path) => new RegExp(`^error: kubeconfig ${escape(path)} is empty: it defines no cluster, user or context`),
  },
  {
    name: 'a file of comments',
    kubeconfig: (user) => ({ path: user.variant('comments', () => '# nothing yet\n') }),
    code: 2,
    message: (path) => new RegExp(`^error: kubeconfig ${escape(path)} is empty`),
  },
  {
    name: 'a file that is not YAML',
    kubeconfig: (user) => ({ path: user.variant('broken-yaml', () => 'clusters: [\n') }),
    code: 2,
    message: (path) => new RegExp(`^error: cannot read kubeconfig ${escape(path)}: `),
  },
  {
    name: 'a YAML list',
    kubeconfig: (user) => ({ path: user.variant('list', () => '- a\n- b\n') }),
    code: 2,
    message: (path) => new RegExp(`^error: ${escape(path)} is not a kubeconfig: expected a YAML mapping with clusters, users and contexts$`),
  },
  {
    name: 'a context naming a missing cluster',
    kubeconfig: (user) => ({ path: atCanary(user, 'missing-cluster', (yaml) => yaml.replace('    cluster: kargo-embedded', '    cluster: elsewhere')) }),
    code: 2,
    message: () => /^error: context "kargo-embedded" names cluster "elsewhere", which is not in the kubeconfig/,
  },
  {
    name: 'an unknown --context',
    kubeconfig: (user) => ({ path: atCanary(user, 'context'), argv: ['--context', 'nope'] }),
    code: 2,
    message: () => /^error: context "nope" is not in the kubeconfig \(known contexts: kargo-embedded\)$/,
  },
  {
    name: 'a --kubeconfig that does not exist',
    kubeconfig: () => ({ path: '/nonexistent/kubeconfig', argv: ['--kubeconfig', '/nonexistent/kubeconfig'] }),
    code: 2,
    message: () => /^error: kubeconfig file \/nonexistent\/kubeconfig does not exist$/,
  },
  {
    name: 'certificate-authority-data that is not a certificate',
    kubeconfig: (user) => ({
      path: atCanary(user, 'bad-ca', (yaml) =>
        yaml.replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${Buffer.from('garbage').toString('base64')}`),
      ),
    }),
    code: 2,
    message: () => /^error: certificate-authority-data of cluster "kargo-embedded" in the kubeconfig is not a PEM certificate/,
  },
  {
    name: 'client-key-data that is not a key',
    kubeconfig: (user) => ({
      path: atCanary(user, 'bad-key', (yaml) =>
        withUser(yaml, [
          `client-certificate-data: ${Buffer.from(env.cluster.server.caCertPem ?? '').toString('base64')}`,
          `client-key-data: ${Buffer.from('not a key').toString('base64')}`,
        ]),
      ),
    }),
    code: 4,
    message: () => /^error: client-key-data of user "kargo-embedded-\S+" in the kubeconfig is not a PEM private key; fix it or fetch the kubeconfig again$/,
  },
  {
    name: 'client-certificate-data that is not a certificate',
    kubeconfig: (user) => ({
      path: atCanary(user, 'bad-cert', (yaml) => withUser(yaml, [`client-certificate-data: ${Buffer.from('nope').toString('base64')}`])),
    }),
    code: 4,
    message: () => /^error: client-certificate-data of user "kargo-embedded-\S+" in the kubeconfig is not a PEM certificate/,
  },
  {
    name: 'a tokenFile that does not exist',
    kubeconfig: (user) => ({ path: atCanary(user, 'token-file', (yaml) => withUser(yaml, ['tokenFile: /nonexistent/token'])) }),
    code: 4,
    message: () =>
      /^error: the tokenFile \/nonexistent\/token of user "kargo-embedded-\S+" in the kubeconfig does not exist; create it or point tokenFile at your token$/,
  },
  {
    name: 'an exec plugin that is not installed',
    kubeconfig: (user) => ({ path: atCanary(user, 'exec-missing', (yaml) => withUser(yaml, exec('no-such-credential-helper', []))) }),
    code: 4,
    message: () =>
      /^error: cannot get credentials for context "kargo-embedded": the exec credential plugin "no-such-credential-helper" of user "kargo-embedded-\S+" was not found$/,
  },
  {
    name: 'an exec plugin that fails',
    kubeconfig: (user) => ({
      path: atCanary(user, 'exec-fails', (yaml) =>
        withUser(yaml, exec(process.execPath, ['-e', 'console.error("token expired; run login"); process.exit(3)'])),
      ),
    }),
    code: 4,
    message: () =>
      /^error: cannot get credentials for context "kargo-embedded": the exec credential plugin ".*" of user "kargo-embedded-\S+" failed \(exit 3\): token expired; run login$/,
  },
  {
    name: 'an exec plugin that never answers',
    kubeconfig: (user) => ({
      path: atCanary(user, 'exec-hangs', (yaml) => withUser(yaml, exec(process.execPath, ['-e', 'setInterval(() => {}, 1000)']))),
      argv: ['--request-timeout', '2s'],
    }),
    code: 4,
    message: () =>
      /^error: cannot get credentials for context "kargo-embedded": the exec credential plugin ".*" of user "kargo-embedded-\S+" did not answer within 2s; run it on its own to see what it waits for, or log in again$/,
  },
];

describe.concurrent('broken kubeconfigs', () => {
  for (const [label, argv] of COMMANDS) {
    for (const problem of PROBLEMS) {
      it(`${label}: ${problem.name} → exit ${problem.code}`, async () => {
        const user = await env.user(`kubeconfig-${++caseNumber}`);
        const { path, argv: extra = [] } = problem.kubeconfig(user);
        const before = connections;
        const run = await runKargo([...argv, ...extra], { kubeconfig: path });
        expect(run.code, run.stderr).toBe(problem.code);
        expect(firstLine(run)).toMatch(problem.message(path));
        expect(run.stderr).not.toMatch(/bug in kargo|^\s+at /m);
        expect(env.requestsOf(user)).toEqual([]);
        // The canary is shared by concurrent cases; any connection at all means a request left.
        expect(connections).toBe(before);
      });
    }
  }
});

describe('a kubeconfig that works only after the fix', () => {
  it('authenticates with tokenFile once the file exists', async () => {
    const user = await env.user('kubeconfig-token-file-ok');
    const tokenFile = join(env.dir, 'token-ok');
    writeFileSync(tokenFile, `${user.token}\n`);
    const path = user.variant('token-file-ok', (yaml) => yaml.replace(/^( *)token: \S+$/m, (_, indent: string) => `${indent}tokenFile: ${tokenFile}`));
    const run = await runKargo(['get', 'stages', '-p', PROJECT], { kubeconfig: path });
    expect(run.code, run.stderr).toBe(0);
    expect(env.requestsOf(user).length).toBeGreaterThan(0);
  });
});
