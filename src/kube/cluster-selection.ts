// What the global flags say about where to connect.

export interface ClusterSelection {
  kubeconfig?: string;
  context?: string;
  verbose: boolean;
  /** --request-timeout: the limit on one API request, 0 for none (kubectl's flag). */
  requestTimeoutMs?: number;
  /** --insecure-skip-tls-verify: the server's certificate is not checked (the kubeconfig's CA is ignored), as kubectl's flag does. */
  insecureSkipTlsVerify?: boolean;
}
