// toReport: each kind of failure becomes one message and its exit code, in one place.

import { describe, expect, it } from 'vitest';
import { EXIT_CODE_BY_KIND, exitQuietly, formatReport, toReport } from '../../../src/cli/errors.js';
import { ExitCode } from '../../../src/cli/exit-codes.js';
import { KubeApiError, KubeConnectionError } from '../../../src/kube/errors.js';
import { Failure, type FailureKind } from '../../../src/runtime/failure.js';

const API = 'https://k8s.example.com:6443';

function apiError(code: number, method: string, path: string, reason = '', details?: Record<string, string>): KubeApiError {
  return new KubeApiError(code, { kind: 'Status', code, reason, message: `answer ${code}`, ...(details ? { details } : {}) }, method, `${API}${path}`);
}

describe('toReport', () => {
  it.each([
    [
      apiError(403, 'GET', '/apis/kargo.akuity.io/v1alpha1/projects?limit=500'),
      ExitCode.Forbidden,
      'forbidden: you may not list projects.kargo.akuity.io at cluster scope',
    ],
    [
      apiError(403, 'GET', '/apis/kargo.akuity.io/v1alpha1/namespaces/p/stages?watch=true'),
      ExitCode.Forbidden,
      'forbidden: you may not watch stages.kargo.akuity.io in namespace "p"',
    ],
    [
      apiError(403, 'PATCH', '/apis/kargo.akuity.io/v1alpha1/namespaces/p/freights/abc'),
      ExitCode.Forbidden,
      'forbidden: you may not patch freights.kargo.akuity.io in namespace "p"',
    ],
    [apiError(403, 'POST', '/api/v1/namespaces'), ExitCode.Forbidden, 'forbidden: you may not create namespaces at cluster scope'],
    [
      apiError(404, 'GET', '/apis/kargo.akuity.io/v1alpha1/namespaces/p/stages/prod', 'NotFound', { name: 'prod', kind: 'stages' }),
      ExitCode.NotFound,
      'Stage "prod" not found in project "p"',
    ],
    [apiError(404, 'GET', '/api/v1/namespaces/ghost', 'NotFound', { name: 'ghost', kind: 'namespaces' }), ExitCode.NotFound, 'project "ghost" does not exist'],
    [
      apiError(404, 'GET', '/apis/argoproj.io/v1alpha1/namespaces/p/analysisruns', 'NotFound'),
      ExitCode.NotFound,
      'Argo Rollouts is not installed in this cluster',
    ],
    [
      apiError(422, 'POST', '/apis/kargo.akuity.io/v1alpha1/namespaces/p/promotions', 'Invalid'),
      ExitCode.Usage,
      'the API server refused the request: answer 422',
    ],
    [apiError(409, 'PUT', '/apis/kargo.akuity.io/v1alpha1/namespaces/p/stages/dev', 'Conflict'), ExitCode.Unexpected, 'conflict: answer 409'],
    [new KubeConnectionError('no answer within 30s', API, 'prod', 'timeout'), ExitCode.Unavailable, 'no answer within 30s'],
    [new Failure('refused', 'Freight x is not available'), ExitCode.Refused, 'Freight x is not available'],
    [new Failure('usage', 'bad flag'), ExitCode.Usage, 'bad flag'],
  ] as const)('%s', (error, exitCode, message) => {
    const translated = toReport(error);
    expect(translated.exitCode).toBe(exitCode);
    expect(translated.message).toContain(message);
  });

  it('treats anything else as a bug (exit 1), with the stack only when verbose', () => {
    const translated = toReport(new TypeError('x is undefined'));
    expect(translated.exitCode).toBe(ExitCode.Unexpected);
    expect(formatReport(translated, false)).toBe('error: unexpected error: x is undefined\nThis is a bug in kargo; rerun with -v for details.\n');
    expect(formatReport(translated, true)).toContain('TypeError: x is undefined\n    at ');
  });
});

describe('exit codes by kind', () => {
  it.each(Object.entries(EXIT_CODE_BY_KIND))('a %s failure exits %i', (kind, code) => {
    expect(toReport(new Failure(kind as FailureKind, 'x')).exitCode).toBe(code);
  });

  it('a quiet exit prints nothing and keeps its code', () => {
    expect(toReport(exitQuietly(ExitCode.PromotionFailed))).toEqual({ exitCode: ExitCode.PromotionFailed, message: '' });
  });
});
