// The compatibility table: every command line of the real Kargo CLI v1.11.2's help
// examples and CLI docs (real-cli-examples.ts), parsed through kargo's command tree
// and run against the embedded server seeded as the examples assume. Rows kargo
// does not implement yet are counted, printed and listed in docs/coming-from-kargo-cli.md.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { captureStream } from '../cli/support/run-kargo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { parseThroughTree } from './parse-through-tree.js';
import { REAL_CLI_EXAMPLES, type RealCliExample } from './real-cli-examples.js';
import { exampleFilesDir, runExample } from './run-example.js';
import { resetSeed } from './seed.js';

const DOCS = fileURLToPath(new URL('../../docs/coming-from-kargo-cli.md', import.meta.url));
let cluster: TestCluster;
let admin: KubeClient;
const startDir = process.cwd();

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  process.chdir(exampleFilesDir());
});

afterAll(async () => {
  process.chdir(startDir);
  await cluster?.close();
  const count = (status: RealCliExample['status']) => REAL_CLI_EXAMPLES.filter((row) => row.status === status).length;
  process.stdout.write(
    `real Kargo CLI v1.11.2 examples: ${REAL_CLI_EXAMPLES.length} command lines; ${count('runs')} run, ${count('differs')} differ by design, ${count('not yet implemented')} not yet implemented\n`,
  );
});

/** The command line as a shell would take it: empty or spaced words quoted. */
const commandLine = (argv: string[]): string => `kargo ${argv.map((word) => (word === '' || /\s/.test(word) ? JSON.stringify(word) : word)).join(' ')}`;
const label = (row: RealCliExample): string => `${commandLine(row.argv)}${row.setup ? ` (after ${row.setup.map(commandLine).join('; ')})` : ''}`;
const ran = REAL_CLI_EXAMPLES.filter((row) => row.status !== 'not yet implemented');

describe('real Kargo CLI v1.11.2 command lines kargo implements', () => {
  it.each(ran.map((row) => [label(row), row] as const))('%s', async (_label, row) => {
    const parsed = await parseThroughTree(row.argv);
    if (row.status === 'runs') expect(parsed, 'accepted by the command tree').toMatchObject({ accepted: true });
    await resetSeed(admin);
    const result = await runExample(row.argv, row.setup ?? [], cluster.kubeconfigPath);
    expect({ code: result.code, stderr: result.stderr.split('\n')[0] }).toMatchObject({ code: row.exit });
  });
});

describe('real Kargo CLI v1.11.2 command lines kargo does not implement yet', () => {
  const missing = REAL_CLI_EXAMPLES.filter((row) => row.status === 'not yet implemented');

  it(`${missing.length} command lines, each with why, each listed in docs/coming-from-kargo-cli.md`, () => {
    const docs = readFileSync(DOCS, 'utf8');
    for (const row of missing) {
      process.stdout.write(`not yet implemented: ${commandLine(row.argv)} — ${row.why}\n`);
      expect(row.why, label(row)).toBeTruthy();
      expect(docs, `docs/coming-from-kargo-cli.md lists: ${label(row)}`).toContain(`\`${commandLine(row.argv)}\``);
    }
  });

  it('differences by design say why and are listed in docs/coming-from-kargo-cli.md', () => {
    const docs = readFileSync(DOCS, 'utf8');
    for (const row of REAL_CLI_EXAMPLES.filter((candidate) => candidate.status === 'differs')) {
      expect(row.why, label(row)).toBeTruthy();
      expect(docs, `docs/coming-from-kargo-cli.md lists: ${label(row)}`).toContain(`\`${commandLine(row.argv)}\``);
    }
  });
});
