// Reading a Prometheus HTTP API reply as client_golang does (api.go): the
// error wording for bad codes and bodies, and the value Argo evaluates —
// a vector as its sample values, a matrix flattened, a scalar as a number.

import { formatGoFloat, parsePrometheusFloat } from './go-float.js';

export type PrometheusValue = { ok: true; result: number | number[]; value: string; warnings: string[] } | { ok: false; message: string };

interface ApiBody {
  status?: string;
  data?: { resultType?: string; result?: unknown };
  errorType?: string;
  error?: string;
  warnings?: string[];
}

export function readPrometheusReply(status: number, body: string): PrometheusValue {
  const apiError = status === 400 || status === 422;
  if (Math.floor(status / 100) !== 2 && !apiError) {
    if (status >= 400 && status < 500) return { ok: false, message: `client_error: client error: ${status}` };
    if (status >= 500 && status < 600) return { ok: false, message: `server_error: server error: ${status}` };
    return { ok: false, message: `bad_response: bad response code ${status}` };
  }
  let parsed: ApiBody;
  try {
    parsed = JSON.parse(body) as ApiBody;
  } catch (error) {
    return { ok: false, message: `bad_response: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (apiError && parsed.status !== 'error') return { ok: false, message: 'bad_response: inconsistent body for response code' };
  if (parsed.status === 'error') return { ok: false, message: `${parsed.errorType ?? ''}: ${parsed.error ?? ''}` };
  const warnings = parsed.warnings ?? [];
  const type = parsed.data?.resultType;
  const result = parsed.data?.result;
  if (type === 'scalar') {
    const number = sampleOf(result);
    return { ok: true, result: number, value: formatGoFloat(number), warnings };
  }
  if (type === 'vector') {
    const samples = listOf(result).map((item) => sampleOf(fieldOf(item, 'value')));
    return { ok: true, result: samples, value: `[${samples.map(formatGoFloat).join(',')}]`, warnings };
  }
  if (type === 'matrix') {
    const samples = listOf(result).flatMap((item) => listOf(fieldOf(item, 'values')).map(sampleOf));
    return { ok: true, result: samples, value: `[${samples.map(formatGoFloat).join(',')}]`, warnings };
  }
  return { ok: false, message: `unexpected value type ${JSON.stringify(type ?? '')}` };
}

function sampleOf(pair: unknown): number {
  return Array.isArray(pair) && typeof pair[1] === 'string' ? parsePrometheusFloat(pair[1]) : NaN;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
