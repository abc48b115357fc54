// Pure rules behind credentials, roles and verification logs, as Kargo's own
// functions behave (sanitizeCredentialSecret, NormalizePolicyRules,
// OIDCClaimsFromAnnotationValues, getJobMetric/getContainerName).

import { describe, expect, it } from 'vitest';
import type { AnalysisRun } from '../../src/model/analysis.js';
import { REDACTED, redactGenericCredentials, redactRepoCredentials } from '../../src/rules/credential-redaction.js';
import { runJobOf } from '../../src/rules/analysis-run-job.js';
import { amendClaims, claimsOf, dropClaims, manageable, newRole, newRoleBinding, newServiceAccount, withClaims } from '../../src/rules/kargo-roles.js';
import { normalizePolicyRules, resourceTypeProblem, revokeFromRules } from '../../src/rules/policy-rules.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('credential redaction', () => {
  const secret = {
    metadata: { name: 'creds', annotations: { 'kargo.akuity.io/description': 'd', 'kargo.akuity.io/replicate-to': '*', other: 'x' } },
    data: { repoURL: b64('https://r'), username: b64('u'), password: b64('p'), pass: b64('oops') },
    stringData: { token: 'kept-by-a-fake-store' },
  };

  it('repository credentials keep repoURL, repoURLIsRegex and username only', () => {
    const redacted = redactRepoCredentials(secret);
    expect(redacted.data).toBeUndefined();
    expect(redacted.stringData).toEqual({ repoURL: 'https://r', username: 'u', password: REDACTED, pass: REDACTED, token: REDACTED });
    expect(redacted.metadata.annotations).toEqual({ 'kargo.akuity.io/description': 'd', 'kargo.akuity.io/replicate-to': REDACTED, other: REDACTED });
  });

  it('generic credentials keep no value, and the description and replicate-to annotations', () => {
    const redacted = redactGenericCredentials(secret);
    expect(Object.values(redacted.stringData ?? {})).toEqual([REDACTED, REDACTED, REDACTED, REDACTED, REDACTED]);
    expect(redacted.metadata.annotations).toEqual({ 'kargo.akuity.io/description': 'd', 'kargo.akuity.io/replicate-to': '*', other: REDACTED });
  });
});

describe('policy rules', () => {
  it.each([
    ['stage', 'unrecognized resource type "stage"; did you mean "stages"?'],
    ['policy', 'unrecognized resource type "policy"; did you mean "policies"?'],
    ['stages/status', undefined],
    ['', 'unrecognized resource type ""'],
  ])('resource type %j', (resource, problem) => {
    expect(resourceTypeProblem(resource)).toBe(problem);
  });

  it('normalizes: one rule per group/resource/name, verbs merged and sorted, * expanded (promote for stages with custom verbs)', () => {
    const rules = normalizePolicyRules(
      [
        { apiGroups: ['kargo.akuity.io'], resources: ['stages', 'freights'], verbs: ['list', 'get'] },
        { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['get', 'watch'] },
        { apiGroups: ['kargo.akuity.io'], resources: ['stages'], resourceNames: ['dev'], verbs: ['*'] },
      ],
      true,
    );
    expect(rules).toEqual([
      { apiGroups: ['kargo.akuity.io'], resources: ['freights'], verbs: ['get', 'list'] },
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['get', 'list', 'watch'] },
      {
        apiGroups: ['kargo.akuity.io'],
        resources: ['stages'],
        resourceNames: ['dev'],
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'promote', 'update', 'watch'],
      },
    ]);
  });

  it('revokes verbs from every matching rule, or from the named one only', () => {
    const rules = [
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['get', 'promote'] },
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], resourceNames: ['dev'], verbs: ['promote'] },
    ];
    expect(revokeFromRules(rules, 'kargo.akuity.io', 'stages', '', ['promote'])).toEqual([
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['get'] },
    ]);
    expect(revokeFromRules(rules, 'kargo.akuity.io', 'stages', 'dev', ['*'])).toEqual([
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['get', 'promote'] },
    ]);
  });
});

describe('role claims and management', () => {
  it('reads both annotation forms, writes the JSON one', () => {
    const annotations = { 'rbac.kargo.akuity.io/claims': '{"groups":"admins","email":["b@x","a@x"]}', 'rbac.kargo.akuity.io/claim.groups': 'devs, admins' };
    const claims = claimsOf(annotations);
    expect(claims).toEqual({ email: ['a@x', 'b@x'], groups: ['admins', 'devs'] });
    expect(withClaims(annotations, dropClaims(amendClaims(claims, { sub: ['1'] }), { groups: ['admins', 'devs'] }))).toEqual({
      'rbac.kargo.akuity.io/claims': '{"email":["a@x","b@x"],"sub":["1"]}',
    });
  });

  it('manages only its own triple', () => {
    const serviceAccount = newServiceAccount('p', 'r');
    expect(manageable({ serviceAccount, roles: [newRole('p', 'r')], clusterRoles: [], roleBindings: [newRoleBinding('p', 'r')] })).not.toHaveProperty(
      'problem',
    );
    expect(manageable({ serviceAccount: { metadata: { name: 'r', namespace: 'p' } }, roles: [], clusterRoles: [], roleBindings: [] })).toEqual({
      problem: 'ServiceAccount "r" in namespace "p" is not annotated as Kargo-managed',
    });
    expect(manageable({ serviceAccount, roles: [], clusterRoles: [{ metadata: { name: 'admin' } }], roleBindings: [] })).toEqual({
      problem: 'ServiceAccount "r" in namespace "p" is bound to one or more ClusterRoles',
    });
  });
});

describe('the Job behind a verification', () => {
  const run = (metrics: [string, string[]][], metadata?: Record<string, string>): AnalysisRun =>
    ({
      metadata: { name: 'ar', namespace: 'p' },
      spec: {
        metrics: metrics.map(([name, containers]) => ({
          name,
          provider: { job: { spec: { template: { spec: { containers: containers.map((c) => ({ name: c })) } } } } },
        })),
      },
      status: { metricResults: metrics.map(([name]) => ({ name, measurements: [{ metadata }] })) },
    }) as unknown as AnalysisRun;

  it.each([
    [run([['m', ['c']]], { 'job-name': 'j', 'job-namespace': 'p' }), {}, { metric: 'm', container: 'c', jobName: 'j', jobNamespace: 'p' }],
    [run([['m', ['c']]], {}), {}, { kind: 'not-found', message: 'result for metric "m" has no Job namespace metadata' }],
    [run([]), {}, { kind: 'not-found', message: 'AnalysisRun "ar" in namespace "p" has no job metrics' }],
    [run([['m', ['c']]]), { metric: 'x' }, { kind: 'not-found', message: 'AnalysisRun "ar" in namespace "p" has no job metric named "x"' }],
  ])('%#', (analysisRun, wanted, expected) => {
    expect(runJobOf(analysisRun, wanted)).toEqual(expected);
  });
});
