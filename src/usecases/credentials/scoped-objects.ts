// Reads and writes of one kind of object in a scope (a Project, the shared or
// the system resources), with the API's 404 and 409 worded for the kind.

import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import type { ResourceType } from '../../kube/resources.js';
import type { KubeObject } from '../../model/kargo.js';
import { Failure } from '../../runtime/failure.js';
import { projectNotFound } from '../not-found.js';
import { namespaceOf, type ResourceScope, scopeFlags, scopeWords } from './scope.js';
import { compareStrings } from '../../runtime/compare-strings.js';

/** How messages name the kind: `repository credentials`, and the `kargo get` kind that lists it. */
export interface KindWords {
  noun: string;
  getKind: string;
}

export function notFoundIn(scope: ResourceScope, words: KindWords, name: string): Failure {
  return new Failure(
    'not-found',
    `${words.noun} "${name}" not found in ${scopeWords(scope)}`,
    `List them with \`kargo get ${words.getKind} ${scopeFlags(scope)}\`.`,
  );
}

export async function readScoped<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  scope: ResourceScope,
  words: KindWords,
  name: string,
): Promise<T> {
  try {
    return await client.get<T>(type, name, namespaceOf(scope));
  } catch (error) {
    if (isStatus(error, 404)) throw notFoundIn(scope, words, name);
    throw error;
  }
}

export async function listScoped<T extends KubeObject>(client: KubeClient, type: ResourceType, scope: ResourceScope, labelSelector?: string): Promise<T[]> {
  const { items } = await client.list<T>(type, namespaceOf(scope), labelSelector ? { labelSelector } : {});
  return items.sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
}

export async function createScoped<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  scope: ResourceScope,
  words: KindWords,
  object: T,
): Promise<T> {
  const name = object.metadata.name ?? '';
  try {
    return await client.create<T>(type, object, namespaceOf(scope));
  } catch (error) {
    if (isStatus(error, 409)) {
      throw new Failure(
        'conflict',
        `${words.noun} "${name}" already exist in ${scopeWords(scope)}`,
        `Change them with \`kargo update ${words.getKind} ${scopeFlags(scope)} ${name}\`.`,
      );
    }
    if (isStatus(error, 404)) throw namespaceMissing(scope, error);
    throw error;
  }
}

/** Writes back an object read with readScoped; someone else's change in between is a conflict to retry. */
export async function updateScoped<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  scope: ResourceScope,
  words: KindWords,
  object: T,
): Promise<T> {
  try {
    return await client.update<T>(type, object, namespaceOf(scope));
  } catch (error) {
    if (isStatus(error, 409)) {
      throw new Failure('conflict', `${words.noun} "${object.metadata.name ?? ''}" changed while kargo was updating them`, 'Run the command again.', {
        cause: error,
      });
    }
    throw error;
  }
}

export async function deleteScoped(client: KubeClient, type: ResourceType, scope: ResourceScope, words: KindWords, name: string): Promise<void> {
  try {
    await client.delete(type, name, namespaceOf(scope));
  } catch (error) {
    if (isStatus(error, 404)) throw notFoundIn(scope, words, name);
    throw error;
  }
}

function namespaceMissing(scope: ResourceScope, cause: unknown): Failure {
  if (scope.kind === 'project') return projectNotFound(scope.project, cause);
  return new Failure('not-found', `namespace ${namespaceOf(scope)} does not exist`, 'Is Kargo installed in this cluster? Its chart creates the namespace.', {
    cause,
  });
}

function isStatus(error: unknown, code: number): boolean {
  return error instanceof KubeApiError && error.code === code;
}
