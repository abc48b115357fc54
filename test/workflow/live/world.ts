// The world outside Kargo that the live scenarios' pipeline acts on: a bare Git
// repository of Kustomize overlays (one per Stage) that promotions commit to,
// and the application's own HTTP endpoints — a deployment gate each Stage's last
// step waits on, and the error rate its verification measures. Tests change the
// world (an app that is slow to roll out, a broken release); the real controller,
// engine and analysis react to it as they would in a cluster.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, seedBareRepo } from '../../engine/support/bare-repo.js';
import { loadOrCreateCertificates } from '../../../src/server/tls.js';
import { type GitHttpServer, startGitHttpServer } from '../../support/git-http-server.js';

export const STAGES = ['dev', 'staging', 'qa', 'prod'] as const;

/** How a Stage's rollout gate answers: done, still rolling out, or failed. */
export type Rollout = 'done' | 'rolling' | 'failed';

interface AppState {
  rollout: Rollout;
  errorRate: number;
  /** While true, the metrics endpoint answers "no data yet" and the measurement stays pending. */
  warmingUp: boolean;
}

export interface World {
  /**
   * The repository, served by git's smart HTTP over TLS behind basic auth, as a Git
   * host would (self-signed: Kargo sends credentials over https only, unless told
   * ALLOW_CREDENTIALS_OVER_HTTP; its subscription and steps say insecureSkipTLSVerify).
   */
  repo: { path: string; url: string; username: string; password: string };
  /** Base URL of the application's endpoints. */
  appUrl: string;
  setRollout(stage: string, rollout: Rollout): void;
  setErrorRate(stage: string, rate: number): void;
  setWarmingUp(stage: string, warmingUp: boolean): void;
  /** The image tag the overlay of `stage` names on `main`. */
  deployedTag(stage: string): string | undefined;
  close(): Promise<void>;
}

const overlay = (stage: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\nimages:\n- name: ghcr.io/example/shop\n  newTag: 0.9.0\n# ${stage}\n`;

export async function startWorld(): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'kargo-live-world-'));
  const seeded = seedBareRepo(root, Object.fromEntries(STAGES.map((stage) => [`env/${stage}/kustomization.yaml`, overlay(stage)])));
  const credentials = { username: 'kargo', password: `pw-${process.pid}` };
  const tls = await loadOrCreateCertificates(
    undefined,
    () => new Date(),
    () => undefined,
  );
  const gitServer: GitHttpServer = await startGitHttpServer({ root, ...credentials, tls });
  const repo = { path: seeded.path, url: gitServer.url('remote.git'), ...credentials };
  const apps = new Map<string, AppState>();
  const app = (stage: string): AppState => {
    let state = apps.get(stage);
    if (!state) apps.set(stage, (state = { rollout: 'done', errorRate: 0.01, warmingUp: false }));
    return state;
  };
  const server = await listen(
    createServer((request, response) => {
      const [, kind, stage] = (request.url ?? '').split('/');
      const state = app(stage ?? '');
      response.setHeader('content-type', 'application/json');
      if (kind === 'rollout') return void response.end(JSON.stringify({ rollout: state.rollout }));
      if (kind === 'metrics' && state.warmingUp) return void response.writeHead(503).end(JSON.stringify({ error: 'no data yet' }));
      if (kind === 'metrics') return void response.end(JSON.stringify({ errorRate: state.errorRate }));
      response.writeHead(404).end('{}');
    }),
  );
  return {
    repo,
    appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setRollout: (stage, rollout) => void (app(stage).rollout = rollout),
    setErrorRate: (stage, rate) => void (app(stage).errorRate = rate),
    setWarmingUp: (stage, warmingUp) => void (app(stage).warmingUp = warmingUp),
    deployedTag(stage) {
      const text = git(root, ['--git-dir', repo.path, 'show', `main:env/${stage}/kustomization.yaml`]);
      return /newTag: (\S+)/.exec(text)?.[1];
    },
    async close() {
      await gitServer.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
