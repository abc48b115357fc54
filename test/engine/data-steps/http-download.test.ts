import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpDownloadStep } from '../../../src/engine/steps/http-download.js';
import { TerminalStepError } from '../../../src/engine/step.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { closedPortUrl, startTestServer, type TestServer } from './http-server.js';
import { readText, runStep, workDirWith } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  server.on('/chart.tgz', (req, res) => res.writeHead(200).end(`payload for ${req.url} with ${req.headers['x-token'] ?? 'no token'}`));
  server.on('/gone', (_req, res) => res.writeHead(500).end('boom'));
  server.on('/cut', (_req, res) => {
    res.writeHead(200, { 'Content-Length': '100' });
    res.write('partial');
    setTimeout(() => res.destroy(), 50);
  });
});
afterAll(() => server.close());

describe('http-download', () => {
  it('downloads into the working directory with headers and query parameters', async () => {
    const workDir = await workDirWith();
    const result = await runStep(httpDownloadStep, workDir, {
      url: `${server.url}/chart.tgz`,
      outPath: 'downloads/chart.tgz',
      headers: [{ name: 'X-Token', value: 'abc' }],
      queryParams: [{ name: 'v', value: '1.2' }],
    });
    expect(result).toEqual({ status: 'Succeeded' });
    expect(await readText(workDir, 'downloads/chart.tgz')).toBe('payload for /chart.tgz?v=1.2 with abc');
  });

  it('refuses to overwrite unless allowOverwrite', async () => {
    const workDir = await workDirWith({ 'chart.tgz': 'old' });
    const refused = runStep(httpDownloadStep, workDir, { url: `${server.url}/chart.tgz`, outPath: 'chart.tgz' });
    await expect(refused).rejects.toThrow(TerminalStepError);
    await expect(refused).rejects.toThrow('file already exists at chart.tgz and overwrite is not allowed');
    expect(await readText(workDir, 'chart.tgz')).toBe('old');
    await runStep(httpDownloadStep, workDir, { url: `${server.url}/chart.tgz`, outPath: 'chart.tgz', allowOverwrite: true });
    expect(await readText(workDir, 'chart.tgz')).toBe('payload for /chart.tgz with no token');
  });

  it('errors on a non-2xx answer, a server that is down, a cut transfer, and leaves no file behind', async () => {
    const workDir = await workDirWith();
    await expect(runStep(httpDownloadStep, workDir, { url: `${server.url}/gone`, outPath: 'f' })).rejects.toThrow('HTTP request failed with status 500');
    await expect(runStep(httpDownloadStep, workDir, { url: `${await closedPortUrl()}/f`, outPath: 'f' })).rejects.toThrow(
      /^error sending HTTP request: Get ".*": connect ECONNREFUSED/,
    );
    await expect(runStep(httpDownloadStep, workDir, { url: `${server.url}/cut`, outPath: 'f' })).rejects.toThrow(/^failed to download/);
    expect(await readdir(workDir)).toEqual([]);
  });

  it('refuses an outPath outside the working directory', async () => {
    const workDir = await workDirWith();
    await expect(runStep(httpDownloadStep, workDir, { url: `${server.url}/chart.tgz`, outPath: '/tmp/x' })).rejects.toThrow(
      /must be relative to the working directory/,
    );
    expect(await readdir(join(workDir))).toEqual([]);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('http-download', httpDownloadStep.validate, [
      { name: 'valid', config: { url: 'u', outPath: 'o', allowOverwrite: true, timeout: '30s' }, valid: true },
      { name: 'no outPath', config: { url: 'u' }, valid: false },
      { name: 'empty url', config: { url: '', outPath: 'o' }, valid: false },
      { name: 'bad timeout', config: { url: 'u', outPath: 'o', timeout: '30' }, valid: false },
      { name: 'method not allowed', config: { url: 'u', outPath: 'o', method: 'GET' }, valid: false },
    ]);
  });
});
