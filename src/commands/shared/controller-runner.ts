// Runs the embedded Kargo controller for `kargo sandbox serve` and
// `kargo controller run`: its own cluster client (not tied to the command's
// interrupt, so the last status writes land while it stops), a working
// directory that survives restarts, and one log line per failed reconcile.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../runtime/clock.js';

export interface ControllerRunOptions {
  kubeconfig?: string;
  context?: string;
  /** Where Promotions' working directories go; kept across restarts so a Promotion resumes. */
  stateDir: string;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the analysis `job` provider may run containers. */
  allowJobs: boolean;
  /** Kargo's shard this controller serves (default: objects of no shard). */
  shard?: string;
  log: (line: string) => void;
}

export interface RunningController {
  /** Settles when the controller has stopped (after stop(), or when a watch failed for good). */
  done: Promise<void>;
  stop(): Promise<void>;
}

export const controllerWorkRoot = (stateDir: string): string => join(stateDir, 'controller');

export async function runController(options: ControllerRunOptions): Promise<RunningController> {
  // Loaded on demand: the controller pulls in the engine and the analysis providers.
  const [{ startController }, { createKubeClient }] = await Promise.all([import('../../controller/index.js'), import('../../kube/http-client.js')]);
  const client = await createKubeClient(
    { verbose: false, ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}), ...(options.context ? { context: options.context } : {}) },
    {
      env: options.env,
      stderr: {
        write: (chunk: string) => {
          options.log(chunk.trimEnd());
          return true;
        },
      },
      userAgent: 'kargo-cli-controller',
    },
  );
  const workRoot = controllerWorkRoot(options.stateDir);
  mkdirSync(workRoot, { recursive: true, mode: 0o700 });
  const abort = new AbortController();
  const done = startController({
    client,
    clock: options.clock,
    workRoot,
    signal: abort.signal,
    // Verification's metric providers; `job` containers only when the user opted in.
    analysis: { allowJobs: options.allowJobs, env: options.env },
    // Warehouses discover from the repositories and registries they name, as Kargo's controller does.
    warehouses: true,
    ...(options.shard ? { shard: options.shard } : {}),
    onError: (key, error) => options.log(`controller: reconcile ${key} failed (will retry): ${error instanceof Error ? error.message : String(error)}`),
  });
  return {
    done,
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
