// The data steps inside the real runner: configs built with `${{ }}`, outputs
// passed between steps, and an http step that stays Running until the
// service it polls says so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultFixture, manualClock, promotionWith, runPass } from '../support/promotion.js';
import { startTestServer, type TestServer } from './http-server.js';

let server: TestServer;
let workDir: string;
let deployed = 'pending';
beforeAll(async () => {
  server = await startTestServer();
  server.on('/deploy', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ state: deployed, build: 7 })));
  workDir = mkdtempSync(join(tmpdir(), 'kargo-data-promotion-'));
  writeFileSync(join(workDir, 'versions.toml'), '[app]\nversion = "1.4.2" # from CI\n');
  writeFileSync(join(workDir, 'values.yaml'), 'image:\n  tag: old # bumped by Kargo\nbuild: 0\n');
});
afterAll(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

it('parses, waits on http, then updates a file with both outputs', async () => {
  const promotion = promotionWith([
    { uses: 'toml-parse', as: 'versions', config: { path: 'versions.toml', outputs: [{ name: 'version', fromExpression: 'app.version' }] } },
    {
      uses: 'http',
      as: 'deploy',
      config: {
        url: `${server.url}/deploy`,
        successExpression: 'response.body.state == "done"',
        failureExpression: 'response.body.state == "failed"',
        pollInterval: '10s',
        outputs: [{ name: 'build', fromExpression: 'response.body.build' }],
      },
    },
    {
      uses: 'yaml-update',
      as: 'bump',
      config: {
        path: 'values.yaml',
        updates: [
          { key: 'image.tag', value: '${{ outputs.versions.version }}' },
          { key: 'build', value: '${{ outputs.deploy.build }}' },
        ],
      },
    },
  ]);
  const fixture = defaultFixture(workDir, manualClock());
  const first = await runPass(promotion, fixture);
  expect(first.status.phase).toBe('Running');
  expect(first.retryAfterMs).toBe(10_000);
  expect(first.status.stepExecutionMetadata?.map((meta) => meta.status)).toEqual(['Succeeded', 'Running']);

  deployed = 'done';
  const second = await runPass(promotion, fixture);
  expect(second.status.phase).toBe('Succeeded');
  expect(second.status.state).toMatchObject({
    versions: { version: '1.4.2' },
    deploy: { build: 7 },
    bump: { commitMessage: 'Updated values.yaml\n\n- image.tag: 1.4.2\n- build: 7' },
  });
  expect(await readFile(join(workDir, 'values.yaml'), 'utf8')).toBe('image:\n  tag: 1.4.2 # bumped by Kargo\nbuild: 7\n');
});
