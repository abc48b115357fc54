// Everything a command touches outside its own arguments, passed in explicitly so
// every command runs in-process in tests with fake streams, a fixed clock and a
// kube client pointed at a test server.

import type { ClusterSelection } from '../kube/cluster-selection.js';
import type { KubeClient } from '../kube/client.js';
import type { Clock } from '../runtime/clock.js';
import type { IO } from '../runtime/io.js';

export interface CliContext {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** Aborted on Ctrl-C; long-running commands pass it down. */
  signal: AbortSignal;
  /** Creates (once) the client for the selected cluster; loads the Kubernetes client library lazily. */
  kube(selection: ClusterSelection): Promise<KubeClient>;
}
