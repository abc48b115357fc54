// `kargo login`, `logout` and `server` of Kargo's CLI, which talk to a Kargo API
// server: this kargo has none to talk to. Each answers, whatever its flags, with
// one line saying so (exit 2), so a script written for Kargo's CLI fails plainly.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { fail } from '../runtime/failure.js';

const KUBECONFIG = 'this kargo talks to the cluster through your kubeconfig (--kubeconfig, KUBECONFIG, --context)';

const ANSWERS = {
  login: {
    description: "Not needed: kargo uses your kubeconfig (Kargo's CLI logs in to a Kargo API server)",
    answer: `kargo login is not needed: ${KUBECONFIG}; sign in to the cluster with its own tooling.`,
  },
  logout: {
    description: 'Not needed: kargo uses your kubeconfig and keeps no Kargo API session',
    answer: `kargo logout is not needed: ${KUBECONFIG} and keeps no Kargo API session.`,
  },
  server: {
    description: 'Not available: kargo talks to the Kubernetes API, not to a Kargo API server (see kargo sandbox)',
    answer: `kargo server is not available: ${KUBECONFIG}, not a Kargo API server; for a local cluster run kargo sandbox start.`,
  },
} as const;

export type KubeconfigOnlyCommand = keyof typeof ANSWERS;

function answering(name: KubeconfigOnlyCommand): Command {
  const { description, answer } = ANSWERS[name];
  const command = new Command(name)
    .description(description)
    .argument('[args...]', "whatever Kargo's CLI would take")
    .allowUnknownOption()
    .action(() => fail('usage', answer));
  return withExamples(command, [
    ['Pick the cluster (and so the Kargo) to talk to instead', 'kargo get projects --context my-cluster'],
    ['A local cluster with Kargo kinds, no login needed', 'kargo sandbox start'],
  ]);
}

export const loginCommand = (_ctx: CliContext): Command => answering('login');
export const logoutCommand = (_ctx: CliContext): Command => answering('logout');
export const serverCommand = (_ctx: CliContext): Command => answering('server');
