// The web provider against real HTTP(S) servers on 127.0.0.1: method, headers,
// body, jsonPath, conditions on `result`, non-2xx, non-JSON bodies, timeouts,
// redirects, and TLS verified unless `insecure` is asked for.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webProvider } from '../../src/analysis/providers/web.js';
import type { MetricProviderDriver } from '../../src/analysis/providers/provider.js';
import type { Measurement, WebMetric } from '../../src/model/analysis.js';
import { loadOrCreateCertificates } from '../../src/server/tls.js';
import { closedPortUrl, startTestServer, type TestServer } from '../engine/data-steps/http-server.js';
import { fixedClock, metric } from './support/fixtures.js';

let server: TestServer;
let tlsServer: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  server.on('/health', (_req, res) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":{"ok":true,"rate":0.99,"items":[{"name":"a","v":1},{"name":"b","v":2}]}}'),
  );
  server.on('/number', (_req, res) => res.writeHead(200).end('200'));
  server.on('/text', (_req, res) => res.writeHead(200).end('all good'));
  server.on('/boom', (_req, res) => res.writeHead(500).end('{"error":"boom"}'));
  server.on('/slow', (_req, res) => setTimeout(() => res.writeHead(200).end('{}'), 2500));
  server.on('/moved', (_req, res) => res.writeHead(302, { Location: '/health' }).end());
  server.on('/echo', (req, res) => res.writeHead(200).end(JSON.stringify({ method: req.method, headers: req.headers, body: req.body })));
  const certificates = await loadOrCreateCertificates(
    undefined,
    () => new Date(),
    () => undefined,
  );
  tlsServer = await startTestServer({ certPem: certificates.certPem, keyPem: certificates.keyPem });
  tlsServer.on('/health', (_req, res) => res.writeHead(200).end('{"ok":true}'));
});

afterAll(async () => {
  await server.close();
  await tlsServer.close();
});

async function measure(
  web: Partial<WebMetric> & { url: string },
  conditions: { successCondition?: string; failureCondition?: string } = {},
): Promise<Measurement> {
  const driver = webProvider(web);
  if ('error' in driver) throw new Error(driver.error);
  return (driver as MetricProviderDriver).run(metric('web', { ...conditions, provider: { web } }), {
    clock: fixedClock(),
    namespace: 'ns',
    runName: 'r',
    runUid: 'u',
    attempt: 1,
  });
}

describe('web provider', () => {
  it.each([
    { jsonPath: '{$.data.ok}', condition: 'result == true', phase: 'Successful', value: 'true' },
    { jsonPath: '{$.data.rate}', condition: 'result >= 0.95', phase: 'Successful', value: '0.99' },
    { jsonPath: '{$.data.rate}', condition: 'result >= 0.999', phase: 'Failed', value: '0.99' },
    { jsonPath: '{.data.items[1].name}', condition: "result == 'b'", phase: 'Successful', value: '"b"' },
    { jsonPath: '{$.data.items[?(@.name=="a")].v}', condition: 'result == 1', phase: 'Successful', value: '1' },
    { jsonPath: '{$.data.items[*].v}', condition: 'result == 1', phase: 'Successful', value: '1' },
    {
      jsonPath: '{$.data}',
      condition: 'result.ok && len(result.items) == 2',
      phase: 'Successful',
      value: '{"ok":true,"rate":0.99,"items":[{"name":"a","v":1},{"name":"b","v":2}]}',
    },
    { jsonPath: undefined, condition: 'result.data.ok', phase: 'Successful', value: undefined },
  ])('jsonPath $jsonPath with "$condition" → $phase', async ({ jsonPath, condition, phase, value }) => {
    const measurement = await measure({ url: `${server.url}/health`, ...(jsonPath ? { jsonPath } : {}) }, { successCondition: condition });
    expect(measurement.phase).toBe(phase);
    if (value !== undefined) expect(measurement.value).toBe(value);
    expect(measurement.finishedAt).toBeDefined();
  });

  it.each([
    { url: '/health', jsonPath: '{$.data.missing}', message: 'Could not find JSONPath in body: missing is not found' },
    { url: '/health', jsonPath: '{$.data.items[?(@.name=="zzz")]}', message: 'result of web metric produced no value' },
    { url: '/boom', jsonPath: undefined, message: 'received non 2xx response code: 500' },
    { url: '/number', jsonPath: undefined, message: 'invalid operation: == (mismatched types float64 and string)' },
  ])('$url $jsonPath → Error "$message"', async ({ url, jsonPath, message }) => {
    const measurement = await measure({ url: `${server.url}${url}`, ...(jsonPath ? { jsonPath } : {}) }, { successCondition: 'result == "200"' });
    expect(measurement).toMatchObject({ phase: 'Error', message });
    expect(measurement.value).toBeUndefined();
  });

  it('a body that is not JSON is Successful without evaluating conditions (v1.9.1)', async () => {
    const measurement = await measure({ url: `${server.url}/text` }, { successCondition: 'false' });
    expect(measurement).toMatchObject({ phase: 'Successful', value: 'all good' });
  });

  it('sends method, canonical headers (last wins) and a JSON body', async () => {
    const measurement = await measure(
      {
        url: `${server.url}/echo`,
        method: 'POST',
        headers: [
          { key: 'x-api-key', value: 'one' },
          { key: 'X-Api-Key', value: 'two' },
          { key: 'content-type', value: 'text/plain' },
        ],
        jsonBody: { a: 1 },
        jsonPath: '{$}',
      },
      {
        successCondition:
          "result.method == 'POST' && result.headers['x-api-key'] == 'two' && result.headers['content-type'] == 'application/json' && result.body == '{\"a\":1}'",
      },
    );
    expect(measurement.phase).toBe('Successful');
  });

  it.each([
    { web: { method: 'GET', body: 'x' }, message: 'Body/JSONBody can only be used with POST or PUT WebMetric Method types' },
    { web: { method: 'POST', body: 'x', jsonBody: { a: 1 } }, message: 'use either Body or JSONBody; both cannot exists for WebMetric payload' },
  ])('refuses $web', async ({ web, message }) => {
    expect(await measure({ url: `${server.url}/echo`, ...web })).toMatchObject({ phase: 'Error', message });
    expect(server.received.filter((request) => request.body === 'x')).toHaveLength(0);
  });

  it('follows redirects', async () => {
    expect(await measure({ url: `${server.url}/moved`, jsonPath: '{$.data.ok}' }, { successCondition: 'result' })).toMatchObject({
      phase: 'Successful',
      value: 'true',
    });
  });

  it('drops credentials, not other headers, when a redirect leaves the original host', async () => {
    server.on('/to-localhost', (_req, res) => res.writeHead(302, { Location: `${server.url.replace('127.0.0.1', 'localhost')}/echo` }).end());
    const measurement = await measure(
      {
        url: `${server.url}/to-localhost`,
        headers: [
          { key: 'Authorization', value: 'Bearer t0ken' },
          { key: 'X-Api-Key', value: 'kept' },
        ],
        jsonPath: '{$.headers}',
      },
      { successCondition: "result['x-api-key'] == 'kept' && result.authorization == nil" },
    );
    expect(measurement.phase).toBe('Successful');
  });

  describe('OAuth2 client credentials', () => {
    const basic = `Basic ${Buffer.from('kargo:pa55').toString('base64')}`;
    beforeAll(() => {
      server.on('/token', (req, res) => {
        const viaHeader = req.headers.authorization === basic && !req.url.includes('form');
        const form = new URLSearchParams(req.body);
        const viaForm = form.get('client_id') === 'kargo' && form.get('client_secret') === 'pa55' && req.url.includes('form');
        if (form.get('grant_type') !== 'client_credentials' || !(viaHeader || viaForm)) return void res.writeHead(401).end('{"error":"invalid_client"}');
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ access_token: `tok-${form.get('scope') ?? ''}`, token_type: 'bearer' }));
      });
      server.on('/protected', (req, res) => res.writeHead(req.headers.authorization === 'Bearer tok-read' ? 200 : 401).end('{"ok":true}'));
    });

    it.each([
      { tokenPath: '/token', clientSecret: 'pa55', phase: 'Successful', message: undefined },
      { tokenPath: '/token?style=form', clientSecret: 'pa55', phase: 'Successful', message: undefined },
      { tokenPath: '/token', clientSecret: 'wrong', phase: 'Error', message: 'oauth2: cannot fetch token: 401\nResponse: {"error":"invalid_client"}' },
    ])('token from $tokenPath with secret $clientSecret → $phase', async ({ tokenPath, clientSecret, phase, message }) => {
      const measurement = await measure(
        {
          url: `${server.url}/protected`,
          jsonPath: '{$.ok}',
          authentication: { oauth2: { tokenUrl: `${server.url}${tokenPath}`, clientId: 'kargo', clientSecret, scopes: ['read'] } },
        },
        { successCondition: 'result' },
      );
      expect(measurement.phase).toBe(phase);
      if (message) expect(measurement.message).toBe(message);
    });

    it('without a client secret the provider cannot be built', () => {
      expect(webProvider({ url: 'http://x', authentication: { oauth2: { tokenUrl: 'http://x/token', clientId: 'kargo' } } })).toEqual({
        error: 'missing mandatory parameter in metric for OAuth2 setup',
      });
    });
  });

  it('gives up after timeoutSeconds', async () => {
    const measurement = await measure({ url: `${server.url}/slow`, timeoutSeconds: 1 });
    expect(measurement.phase).toBe('Error');
    expect(measurement.message).toBe(`Get "${server.url}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
  });

  it('a refused connection is an Error worded like Go', async () => {
    const url = `${await closedPortUrl()}/x`;
    const port = new URL(url).port;
    expect(await measure({ url })).toMatchObject({ phase: 'Error', message: `Get "${url}": dial tcp 127.0.0.1:${port}: connect: connection refused` });
  });

  it('verifies TLS unless insecure is asked for', async () => {
    const verified = await measure({ url: `${tlsServer.url}/health` });
    expect(verified.phase).toBe('Error');
    expect(verified.message).toContain('x509');
    expect(await measure({ url: `${tlsServer.url}/health`, insecure: true, jsonPath: '{$.ok}' }, { successCondition: 'result' })).toMatchObject({
      phase: 'Successful',
    });
  });

  it('a malformed jsonPath cannot build the provider', () => {
    expect(webProvider({ url: 'http://x', jsonPath: '{$.data' })).toEqual({ error: 'unclosed action' });
  });
});
