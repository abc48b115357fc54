// What the protocol suite needs from the API server under test. The embedded
// server (test/server/protocol.test.ts) and a real kube-apiserver (test/realapi/)
// both provide one.

export interface ProtocolTarget {
  /** Path of a kubeconfig file whose current context is a cluster admin. */
  adminKubeconfig: string;
  /**
   * Path of a kubeconfig file for `user` with `groups`, which has no permissions
   * beyond what RBAC objects grant (the suite creates those through the API).
   */
  userKubeconfig(user: string, groups?: string[]): Promise<string>;
  /** Prefix of the namespaces the suite creates (one per test); default `proto`. */
  namespacePrefix?: string;
}
