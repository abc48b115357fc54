// Bearer-token authentication: each token maps to a user name and groups.

import { randomBytes } from 'node:crypto';
import type { UserIdentity } from './types.js';

export interface UserRecord {
  name: string;
  groups: string[];
  token: string;
}

export class TokenAuthenticator {
  private readonly byToken = new Map<string, UserRecord>();

  constructor(users: UserRecord[] = []) {
    for (const user of users) this.byToken.set(user.token, user);
  }

  /**
   * Registers a user (no groups unless given) or, for a known user, replaces its
   * groups when `groups` is given and its token when `token` is; returns the token.
   */
  add(name: string, groups?: string[], token?: string): string {
    const existing = this.records().find((user) => user.name === name);
    if (existing && groups !== undefined) existing.groups = groups;
    if (existing && (token === undefined || token === existing.token)) return existing.token;
    if (existing) this.byToken.delete(existing.token);
    const record: UserRecord = { name, groups: groups ?? existing?.groups ?? [], token: token ?? randomBytes(24).toString('base64url') };
    this.byToken.set(record.token, record);
    return record.token;
  }

  tokenOf(name: string): string | undefined {
    return this.records().find((user) => user.name === name)?.token;
  }

  authenticate(authorization: string | undefined): UserIdentity | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const record = match?.[1] ? this.byToken.get(match[1]) : undefined;
    if (!record) return undefined;
    const groups = record.groups.includes('system:authenticated') ? record.groups : [...record.groups, 'system:authenticated'];
    return { name: record.name, groups };
  }

  records(): UserRecord[] {
    return [...this.byToken.values()];
  }
}
