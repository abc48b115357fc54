// OAuth2 client credentials (golang.org/x/oauth2/clientcredentials, as the web
// and prometheus providers use it): a token is fetched from tokenUrl for each
// measurement and sent as `Authorization: Bearer …`. Client id and secret go
// in a Basic header first, then in the form, as AuthStyleAutoDetect tries them.

import type { OAuth2Config } from '../../model/analysis.js';
import { exchange } from './http-request.js';

export type TokenResult = { ok: true; authorization: string } | { ok: false; message: string };

export const MISSING_OAUTH2_PARAMETER = 'missing mandatory parameter in metric for OAuth2 setup';

export function oauth2Problem(config: OAuth2Config | undefined): string | undefined {
  if (!config?.tokenUrl) return undefined;
  return config.clientId && config.clientSecret ? undefined : MISSING_OAUTH2_PARAMETER;
}

export async function fetchToken(config: OAuth2Config, timeoutMs: number, insecure: boolean): Promise<TokenResult> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (config.scopes?.length) form.set('scope', config.scopes.join(' '));
  const id = config.clientId ?? '';
  const secret = config.clientSecret ?? '';
  const basic = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
  const inForm = new URLSearchParams(form);
  inForm.set('client_id', id);
  inForm.set('client_secret', secret);
  const attempts: { headers: Record<string, string>; body: string }[] = [
    { headers: { Authorization: `Basic ${basic}` }, body: form.toString() },
    { headers: {}, body: inForm.toString() },
  ];
  let failure = '';
  for (const attempt of attempts) {
    try {
      const reply = await exchange({
        method: 'POST',
        url: config.tokenUrl ?? '',
        headers: { ...attempt.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: attempt.body,
        timeoutMs,
        insecure,
      });
      if (reply.status >= 200 && reply.status < 300) return readToken(reply.body);
      failure = `oauth2: cannot fetch token: ${reply.status}\nResponse: ${reply.body}`;
    } catch (error) {
      return { ok: false, message: `oauth2: cannot fetch token: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { ok: false, message: failure };
}

function readToken(body: string): TokenResult {
  try {
    const token = JSON.parse(body) as { access_token?: unknown; token_type?: unknown };
    if (typeof token.access_token !== 'string' || token.access_token === '') return { ok: false, message: 'oauth2: server response missing access_token' };
    const type = typeof token.token_type === 'string' && token.token_type.toLowerCase() !== 'bearer' ? token.token_type : 'Bearer';
    return { ok: true, authorization: `${type} ${token.access_token}` };
  } catch {
    return { ok: false, message: 'oauth2: cannot parse json' };
  }
}
