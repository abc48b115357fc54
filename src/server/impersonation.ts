// Impersonation (`kubectl --as alice --as-group team`): the caller acts as another
// user when RBAC lets it `impersonate` that user and each of the groups.

import type { IncomingHttpHeaders } from 'node:http';
import { forbidden, type RbacAuthorizer } from './rbac.js';
import type { UserIdentity } from './types.js';

function values(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  return (Array.isArray(header) ? header : [header])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The identity the request acts as: the caller, or whom it impersonates (after an RBAC check). */
export function effectiveUser(caller: UserIdentity, headers: IncomingHttpHeaders, authorizer: RbacAuthorizer): UserIdentity {
  const user = headers['impersonate-user'];
  const groups = values(headers['impersonate-group']);
  if (typeof user !== 'string' || user === '') return caller;
  const checks = [{ resource: 'users', name: user }, ...groups.map((group) => ({ resource: 'groups', name: group }))];
  for (const check of checks) {
    const attributes = { verb: 'impersonate', group: '', resource: check.resource, name: check.name };
    if (!authorizer.authorize(caller, attributes).allowed) throw forbidden(caller, attributes);
  }
  return { name: user, groups: [...groups.filter((group) => group !== 'system:authenticated'), 'system:authenticated'] };
}
