// Shared state of one protocol-suite run: the admin client, the target, and a
// fresh namespace per test (deleted afterwards).

import { afterEach, beforeAll } from 'vitest';
import { ApiClient } from './api-client.js';
import { createNamespace, deleteNamespace, ensureWidgetCrd } from './fixtures.js';
import type { ProtocolTarget } from './target.js';

export interface SuiteContext {
  readonly admin: ApiClient;
  readonly target: ProtocolTarget;
  /** A new namespace for the current test. */
  namespace(): Promise<string>;
  /** A client for `user` (a user name unique to this run is recommended: see `userName`). */
  clientFor(user: string, groups?: string[]): Promise<ApiClient>;
  /** A user name unique to this suite run. */
  userName(base: string): string;
}

export function createSuiteContext(getTarget: () => ProtocolTarget): SuiteContext {
  let admin: ApiClient | undefined;
  const created: string[] = [];
  const runId = Math.random().toString(36).slice(2, 7);

  beforeAll(async () => {
    admin = await ApiClient.fromKubeconfig(getTarget().adminKubeconfig);
    await ensureWidgetCrd(admin);
  }, 90_000);

  afterEach(async () => {
    const names = created.splice(0);
    if (admin) await Promise.all(names.map((name) => deleteNamespace(admin as ApiClient, name)));
  });

  const context: SuiteContext = {
    get admin() {
      if (!admin) throw new Error('protocol suite: admin client used before beforeAll');
      return admin;
    },
    get target() {
      return getTarget();
    },
    async namespace() {
      const name = await createNamespace(context.admin, getTarget().namespacePrefix ?? 'proto');
      created.push(name);
      return name;
    },
    async clientFor(user, groups = []) {
      return ApiClient.fromKubeconfig(await getTarget().userKubeconfig(user, groups));
    },
    userName(base) {
      return `${base}-${runId}`;
    },
  };
  return context;
}
