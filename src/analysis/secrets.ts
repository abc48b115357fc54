// Secret-valued args (valueFrom.secretKeyRef), read from the run's namespace
// when a measurement is due. The values only ever go to providers; callers
// redact them from anything written back (see redact.ts).

import type { KubeClient } from '../kube/client.js';
import type { ResourceType } from '../kube/resources.js';
import type { Argument } from '../model/analysis.js';
import type { Secret } from '../model/kargo.js';

export interface SecretSource {
  /** The Secret's decoded data, or undefined when it does not exist. */
  read(namespace: string, name: string): Promise<Readonly<Record<string, string>> | undefined>;
}

const SECRETS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  shortNames: [],
  hasStatus: false,
};

export function secretsFromKube(client: KubeClient): SecretSource {
  return {
    async read(namespace, name) {
      try {
        const secret = await client.get<Secret>(SECRETS, name, namespace);
        const data: Record<string, string> = {};
        for (const [key, value] of Object.entries(secret.data ?? {})) data[key] = Buffer.from(value, 'base64').toString('utf8');
        return data;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

export type ResolvedArgs = { ok: true; values: Map<string, string | undefined>; secretValues: string[] } | { ok: false; message: string };

/** Every arg's value, secrets read in; the error text is Argo's (resolveArgs). */
export async function resolveArgValues(args: readonly Argument[] | undefined, namespace: string, secrets: SecretSource): Promise<ResolvedArgs> {
  const values = new Map<string, string | undefined>();
  const secretValues = new Set<string>();
  for (const arg of args ?? []) {
    const ref = arg.valueFrom?.secretKeyRef;
    if (!ref) {
      values.set(arg.name, arg.value);
      continue;
    }
    const data = await secrets.read(namespace, ref.name);
    if (!data) return { ok: false, message: `secrets "${ref.name}" not found` };
    const value = data[ref.key];
    if (value === undefined) return { ok: false, message: `key '${ref.key}' does not exist in secret '${ref.name}'` };
    values.set(arg.name, value);
    secretValues.add(value);
  }
  return { ok: true, values, secretValues: [...secretValues] };
}

/** The API answered 404 (KubeClient's errors carry the HTTP code). */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 404;
}
