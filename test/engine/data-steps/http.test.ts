import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStep } from '../../../src/engine/steps/http.js';
import { TerminalStepError } from '../../../src/engine/step.js';
import { loadOrCreateCertificates } from '../../../src/server/tls.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { startTestProxy } from './proxy-server.js';
import { closedPortUrl, startTestServer, type TestServer } from './http-server.js';
import { runStep, workDirWith } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  server.on('/json', (_req, res) =>
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Build': '42' }).end('{"status":"done","items":[1,2]}'),
  );
  server.on('/echo', (req, res) => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(req)));
  server.on('/pending', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"state":"pending"}'));
  server.on('/broken', (_req, res) => res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"database down"}'));
  server.on('/yaml', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/yaml' }).end('items:\n- one\n- two\n'));
  server.on('/text', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('42'));
  server.on('/html', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>hi</p>'));
  server.on('/slow', (_req, res) => setTimeout(() => res.writeHead(200).end('{}'), 2000));
});
afterAll(() => server.close());

const run = async (config: Parameters<typeof httpStep.run>[1]) => runStep(httpStep, await workDirWith(), config);

describe('http', () => {
  it('sends method, headers, query parameters and body, and exposes the response to outputs', async () => {
    const result = await run({
      method: 'POST',
      url: `${server.url}/echo?b=2`,
      headers: [{ name: 'Authorization', value: 'Bearer t0ken' }],
      queryParams: [{ name: 'a', value: 'some value' }],
      body: '{"promote":true}',
      successExpression: 'response.status == 201',
      outputs: [
        { name: 'method', fromExpression: 'response.body.method' },
        { name: 'url', fromExpression: 'response.body.url' },
        { name: 'auth', fromExpression: 'response.body.headers.authorization' },
        { name: 'body', fromExpression: 'response.body.body' },
        { name: 'contentType', fromExpression: 'response.header("content-type")' },
      ],
    });
    expect(result).toEqual({
      status: 'Succeeded',
      output: {
        method: 'POST',
        url: '/echo?a=some+value&b=2',
        auth: 'Bearer t0ken',
        body: '{"promote":true}',
        contentType: 'application/json',
      },
    });
  });

  it('succeeds on a 2xx without expressions, with headers and a JSON body in the outputs', async () => {
    const result = await run({
      url: `${server.url}/json`,
      outputs: [
        { name: 'build', fromExpression: 'response.headers["X-Build"][0]' },
        { name: 'count', fromExpression: 'len(response.body.items)' },
      ],
    });
    expect(result).toEqual({ status: 'Succeeded', output: { build: '42', count: 2 } });
  });

  it('reports Running while neither expression holds, then Failed with the error expression', async () => {
    const pending = await run({
      url: `${server.url}/pending`,
      successExpression: 'response.body.state == "done"',
      failureExpression: 'response.body.state == "failed"',
      pollInterval: '5s',
    });
    expect(pending).toEqual({ status: 'Running', retryAfterMs: 5000 });
    const failed = run({
      url: `${server.url}/broken`,
      successExpression: 'response.status == 200',
      failureExpression: 'response.status >= 500',
      errorExpression: 'response.body.error',
    });
    await expect(failed).rejects.toThrow(TerminalStepError);
    await expect(failed).rejects.toMatchObject({ status: 'Failed', message: 'HTTP (500) response met failure criteria: "database down"' });
    expect(await run({ url: `${server.url}/broken` })).toMatchObject({ status: 'Failed' });
  });

  it('parses YAML and text bodies by content type, and leaves an unknown non-JSON body empty', async () => {
    expect(await run({ url: `${server.url}/yaml`, outputs: [{ name: 'v', fromExpression: 'response.body.items[1]' }] })).toMatchObject({
      output: { v: 'two' },
    });
    expect(await run({ url: `${server.url}/text`, outputs: [{ name: 'v', fromExpression: 'response.body' }] })).toMatchObject({ output: { v: '42' } });
    expect(await run({ url: `${server.url}/html`, outputs: [{ name: 'v', fromExpression: 'response.body' }] })).toMatchObject({ output: { v: {} } });
  });

  it('errors when the server is down or too slow', async () => {
    const down = await closedPortUrl();
    await expect(run({ url: `${down}/x` })).rejects.toThrow(/^error sending HTTP request: Get ".*": connect ECONNREFUSED/);
    await expect(run({ url: `${server.url}/slow`, timeout: '200ms' })).rejects.toThrow(/^error sending HTTP request: .*timeout after 200ms/);
  });

  it('fails for good on a malformed expression and errors on a non-boolean one', async () => {
    const malformed = run({ url: `${server.url}/json`, successExpression: '(1 + ' });
    await expect(malformed).rejects.toThrow(TerminalStepError);
    await expect(malformed).rejects.toThrow(/^error evaluating success criteria: error compiling success expression "\(1 \+ ": /);
    await expect(run({ url: `${server.url}/json`, failureExpression: 'response.status' })).rejects.toThrow(
      'error evaluating failure criteria: failure expression "response.status" did not evaluate to a boolean (got int)',
    );
  });

  it('verifies TLS unless insecureSkipTLSVerify, and goes through a proxy (forwarding and CONNECT)', async () => {
    const certificates = await loadOrCreateCertificates(
      undefined,
      () => new Date(),
      () => undefined,
    );
    const secure = await startTestServer(certificates);
    const proxy = await startTestProxy();
    try {
      secure.on('/ok', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"secure":true}'));
      const output = [{ name: 'secure', fromExpression: 'response.body.secure' }];
      await expect(run({ url: `${secure.url}/ok` })).rejects.toThrow(/^error sending HTTP request: Get ".*": .*(self-signed|unable to verify)/);
      expect(await run({ url: `${secure.url}/ok`, insecureSkipTLSVerify: true, outputs: output })).toMatchObject({ output: { secure: true } });
      expect(await run({ url: `${secure.url}/ok`, insecureSkipTLSVerify: true, proxy: proxy.url, outputs: output })).toMatchObject({
        output: { secure: true },
      });
      const viaProxy = await run({ url: `${server.url}/json`, proxy: proxy.url, outputs: [{ name: 'via', fromExpression: 'response.header("X-Via")' }] });
      expect(viaProxy).toMatchObject({ output: { via: 'test-proxy' } });
      expect(proxy.seen).toEqual([`CONNECT ${new URL(secure.url).host}`, `GET ${server.url}/json`]);
    } finally {
      await secure.close();
      await proxy.close();
    }
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('http', httpStep.validate, [
      { name: 'minimal', config: { url: 'https://example.com' }, valid: true },
      {
        name: 'kitchen sink',
        config: {
          method: 'POST',
          url: 'u',
          headers: [{ name: 'a', value: 'b' }],
          queryParams: [{ name: 'q', value: 'v' }],
          body: '',
          insecureSkipTLSVerify: true,
          proxy: 'http://proxy',
          timeout: '1m30s',
          pollInterval: '5s',
          responseContentType: 'text/plain',
          outputs: [{ name: 'o', fromExpression: 'e' }],
          successExpression: 's',
          failureExpression: 'f',
          errorExpression: 'e',
        },
        valid: true,
      },
      { name: 'no url', config: {}, valid: false },
      { name: 'bad method', config: { url: 'u', method: 'FETCH' }, valid: false },
      { name: 'empty header value', config: { url: 'u', headers: [{ name: 'a', value: '' }] }, valid: false },
      { name: 'bad timeout', config: { url: 'u', timeout: 'soon' }, valid: false },
      { name: 'proxy without scheme', config: { url: 'u', proxy: 'proxy:8080' }, valid: false },
      { name: 'bad content type', config: { url: 'u', responseContentType: 'text/html' }, valid: false },
      { name: 'output without expression', config: { url: 'u', outputs: [{ name: 'o' }] }, valid: false },
    ]);
  });
});
