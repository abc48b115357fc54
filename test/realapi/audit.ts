// The apiserver's audit log, used to see exactly which writes a user sent:
// every create/update/patch/delete is logged with its request body.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditEvent {
  stage: string;
  verb: string;
  requestURI: string;
  user: { username: string; groups?: string[] };
  objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string; apiGroup?: string };
  requestObject?: unknown;
  responseStatus?: { code?: number };
}

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  # Access and identity reviews are "create"s that store nothing.
  - level: None
    resources: [{ group: authorization.k8s.io }, { group: authentication.k8s.io }]
  - level: Request
    verbs: [${WRITE_VERBS.join(', ')}]
  - level: None
`;

/** Writes the audit policy into `dir` and returns the kube-apiserver flags that enable it. */
export function auditFlags(dir: string): string[] {
  const policy = join(dir, 'audit-policy.yaml');
  writeFileSync(policy, POLICY);
  return [`--audit-policy-file=${policy}`, `--audit-log-path=${auditLogPath(dir)}`, '--audit-log-mode=blocking'];
}

export function auditLogPath(dir: string): string {
  return join(dir, 'audit.log');
}

/** Completed write requests sent by `username`, oldest first. */
export function writesBy(dir: string, username: string): AuditEvent[] {
  const path = auditLogPath(dir);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as AuditEvent)
    .filter((event) => event.stage === 'ResponseComplete' && event.user.username === username && WRITE_VERBS.includes(event.verb));
}
