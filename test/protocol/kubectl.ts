// The real kubectl (default flags, so default client-side validation) against the
// server under test: `kubectl apply -f` of a `kind: List` makes kubectl read the
// OpenAPI v2 document as protobuf, which every server must serve.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { SuiteContext } from './context.js';
import { API_VERSION, KIND, widgetsPath } from './fixtures.js';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function listOf(items: Record<string, unknown>[]): string {
  return stringify({ apiVersion: 'v1', kind: 'List', items });
}

export function defineKubectlTests(suite: SuiteContext): void {
  describe('kubectl with default validation', () => {
    let cacheDir = '';
    beforeAll(async () => {
      cacheDir = await mkdtemp(join(tmpdir(), 'kargo-proto-kubectl-'));
    });
    afterAll(async () => {
      await rm(cacheDir, { recursive: true, force: true });
    });

    const kubectl = (args: string[], input: string): Promise<Run> =>
      new Promise((resolve) => {
        const child = execFile(
          KUBECTL,
          args,
          { env: { ...process.env, KUBECONFIG: suite.target.adminKubeconfig, KUBECACHEDIR: cacheDir }, timeout: 60_000 },
          (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
          },
        );
        child.stdin?.end(input);
      });

    const items = (namespace: string, spec: Record<string, unknown>): Record<string, unknown>[] => [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'listed', namespace }, data: { a: '1' } },
      { apiVersion: API_VERSION, kind: KIND, metadata: { name: 'listed', namespace }, spec },
    ];

    it('serves the OpenAPI v2 document as protobuf when asked', async () => {
      const response = await suite.admin.request('GET', '/openapi/v2', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
      expect(response.status).toBe(200);
      expect(String(response.headers['content-type'])).toMatch(/^application\/com\.github\.proto-openapi\.spec\.v2/);
    });

    it('applies a kind: List file, then finds every item unchanged', async () => {
      const namespace = await suite.namespace();
      const file = listOf(items(namespace, { size: 2, extra: { anything: { goes: true } }, settings: { a: 'b' } }));
      const first = await kubectl(['apply', '-f', '-'], file);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('configmap/listed created');
      expect(first.stdout).toMatch(/widget\.protocol\.kargo\.test\/listed created/);
      const again = await kubectl(['apply', '-f', '-'], file);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('configmap/listed unchanged');
      expect((await suite.admin.get(widgetsPath(namespace, 'listed'))).status).toBe(200);
    });

    it('refuses a kind: List whose item has an unknown field, and writes none of it', async () => {
      const namespace = await suite.namespace();
      const run = await kubectl(['apply', '-f', '-'], listOf(items(namespace, { size: 1, bogusField: 1 })));
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('bogusField');
      expect((await suite.admin.get(`/api/v1/namespaces/${namespace}/configmaps/listed`)).status).toBe(404);
    });
  });
}
