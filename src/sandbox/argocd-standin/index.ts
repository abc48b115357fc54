// Runs the Argo CD stand-in (see standin.ts and README.md) beside the sandbox's
// API server, on its own client, until stopped.

import { createKubeClient } from '../../kube/http-client.js';
import type { Clock } from '../../runtime/clock.js';
import { isBrokenImage } from '../sandbox-registry.js';
import type { SandboxPaths } from '../paths.js';
import { runArgoCDStandin } from './standin.js';

export { PORT_ANNOTATION } from './application.js';
export type { WorkloadRecord } from './workloads.js';

export interface RunningStandin {
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startArgoCDStandin(options: {
  paths: SandboxPaths;
  kubeconfig: string;
  clock: Clock;
  log: (line: string) => void;
}): Promise<RunningStandin> {
  const client = await createKubeClient(
    { kubeconfig: options.kubeconfig, verbose: false },
    {
      env: {},
      stderr: {
        write: (chunk: string) => {
          options.log(chunk.trimEnd());
          return true;
        },
      },
      userAgent: 'kargo-sandbox-argocd-standin',
    },
  );
  const abort = new AbortController();
  const done = runArgoCDStandin({
    client,
    clock: options.clock,
    dir: options.paths.argocdDir,
    isBroken: (image) => isBrokenImage(options.paths, image),
    signal: abort.signal,
    log: options.log,
  });
  return {
    done,
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
