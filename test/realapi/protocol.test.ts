// The API-server protocol suite (test/protocol) against the real kube-apiserver:
// every difference from the embedded server shows up here as a failing test.

import { defineProtocolSuite, type ProtocolTarget } from '../protocol/suite.js';
import { adminKubeconfigPath, mintedKubeconfigPath } from './cluster.js';

const target: ProtocolTarget = {
  adminKubeconfig: adminKubeconfigPath(),
  userKubeconfig: (user, groups) => mintedKubeconfigPath(user, groups),
};

defineProtocolSuite(() => target);
