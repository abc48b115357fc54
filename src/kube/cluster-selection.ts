// What the global flags say about where to connect.

export interface ClusterSelection {
  kubeconfig?: string;
  context?: string;
  verbose: boolean;
}
