// The CLI workflow scenarios (test/workflow) against the real kube-apiserver with
// Kargo's and Argo's real CRDs: the test's fake controller plays Kargo by writing
// status, the CLI runs in-process, users are real x509 identities under RBAC.

import { defineWorkflowScenarios } from '../workflow/scenarios.js';
import type { WorkflowTarget } from '../workflow/harness.js';
import { adminKubeconfigPath, mintedKubeconfigPath } from './cluster.js';

const target: WorkflowTarget = {
  adminKubeconfig: adminKubeconfigPath(),
  kubeconfigFor: (user, groups) => mintedKubeconfigPath(user, groups),
};

defineWorkflowScenarios(() => target);
