// The live workflow scenarios (test/workflow/live) against the real kube-apiserver
// with Kargo's and Argo's real CRDs: the embedded Kargo controller runs every
// Promotion, nothing scripted. Other files of this tier run a fake controller in
// their own namespaces at the same time, so ours serves only its own Kargo shard.

import { defineLiveScenarios } from '../workflow/live/scenarios.js';
import type { WorkflowTarget } from '../workflow/harness.js';
import { adminKubeconfigPath, mintedKubeconfigPath } from './cluster.js';

const target: WorkflowTarget = {
  adminKubeconfig: adminKubeconfigPath(),
  kubeconfigFor: (user, groups) => mintedKubeconfigPath(user, groups),
};

defineLiveScenarios(() => target, { shard: 'live-scenarios' });
