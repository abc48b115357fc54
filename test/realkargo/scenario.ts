// What every scenario file shares: a local git repository and a local HTTP
// endpoint (no network), a fresh Project per test on the shared control plane,
// and `kargo` run as the cluster admin in that Project.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { kargo, startKargo, type KargoResult, type RunningKargo } from './cli.js';
import { createLocalGitRepo, type LocalGitRepo } from './local-git.js';
import { openPipeline, type FreightSpec, type Pipeline } from './pipeline.js';
import { waitFor } from './wait.js';

export const FREIGHT: Record<'v1' | 'v2' | 'v3', FreightSpec> = {
  v1: { alias: 'calm-otter', tag: '1.0.0' },
  v2: { alias: 'brave-heron', tag: '1.1.0' },
  v3: { alias: 'jolly-penguin', tag: '1.2.0' },
};

export interface Scenario extends Pipeline {
  kargo(args: string[], timeoutMs?: number): Promise<KargoResult>;
  startKargo(args: string[], timeoutMs?: number): RunningKargo;
}

/** Registers the fixtures' lifecycle in the calling file; call `open()` in each test. */
export function useScenarios(): { open(freight?: FreightSpec[]): Promise<Scenario> } {
  let dir: string;
  let git: LocalGitRepo;
  let server: Server;
  let pollUrl: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kargo-realkargo-fixtures-'));
    git = createLocalGitRepo(dir);
    server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"ready":false}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    pollUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ready`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    open: async (freight = Object.values(FREIGHT)) => {
      const pipeline = await openPipeline({ git, pollUrl, freight });
      const scoped = (args: string[]) => ['-p', pipeline.project, ...args];
      return {
        ...pipeline,
        kargo: (args, timeoutMs) => kargo(scoped(args), pipeline.adminKubeconfig, timeoutMs),
        startKargo: (args, timeoutMs) => startKargo(scoped(args), pipeline.adminKubeconfig, timeoutMs),
      };
    },
  };
}

/** Waits until a running `kargo` has written something matching `pattern` to stderr. */
export async function whenStderr(run: RunningKargo, pattern: RegExp): Promise<RegExpExecArray> {
  try {
    return await waitFor(`kargo to write ${pattern}`, async () => pattern.exec(run.stderr()) ?? undefined, { timeoutMs: 90_000, intervalMs: 100 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; its stderr so far:\n${run.stderr()}`);
  }
}
