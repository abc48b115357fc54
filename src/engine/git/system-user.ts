// The identity a clone commits as when its config names no author (Kargo's
// GitUserResolver): ClusterConfig `cluster`'s spec.gitClient name/email if
// set, else the engine's configured identity (Kargo's GITCLIENT_NAME and
// GITCLIENT_EMAIL), whose gaps are filled with Kargo's default. A ClusterConfig
// asking for signed commits is refused: this engine does not sign.

import type { KubeClient } from '../../kube/client.js';
import type { ResourceType } from '../../kube/resources.js';
import type { KubeObject } from '../../model/kargo.js';
import { isNotFoundError } from '../kube-resources.js';
import { TerminalStepError } from '../step.js';
import type { GitUser } from './identity.js';

const clusterConfigResource: ResourceType = {
  group: 'kargo.akuity.io',
  version: 'v1alpha1',
  kind: 'ClusterConfig',
  plural: 'clusterconfigs',
  singular: 'clusterconfig',
  namespaced: false,
  shortNames: [],
  hasStatus: true,
};

interface ClusterConfig extends KubeObject {
  spec?: { gitClient?: { name?: string; email?: string; signingKeySecret?: { name?: string } } };
}

export const SIGNING_UNSUPPORTED =
  'commit signing is not supported by this engine; remove the signing key (signingKey in the step config, ' +
  'or spec.gitClient.signingKeySecret in ClusterConfig "cluster") or run this promotion with Kargo';

export async function resolveSystemUser(client: KubeClient, fallback: GitUser): Promise<GitUser> {
  let config: ClusterConfig;
  try {
    config = await client.get<ClusterConfig>(clusterConfigResource, 'cluster');
  } catch (error) {
    if (isNotFoundError(error)) return fallback;
    throw new Error(`error getting ClusterConfig: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const gitClient = config.spec?.gitClient;
  if (!gitClient) return fallback;
  if (gitClient.signingKeySecret) throw new TerminalStepError(SIGNING_UNSUPPORTED, { status: 'Failed' });
  return { name: gitClient.name, email: gitClient.email };
}
