// git-clone: a bare clone of `repoURL` inside the working directory with each
// checkout (branch, commit, tag, or the default branch) added as a worktree at
// its path; output `commits`, each checkout's HEAD keyed by `as` or `path`.
// Credentials come from the Project's git Secrets, the author from the config,
// ClusterConfig or the engine's configuration.

import { cloneBare } from '../git/bare-repo.js';
import { validateGitCloneConfig, type GitCloneConfig } from '../git/clone-config.js';
import { checkoutRef } from '../git/checkout-ref.js';
import { SIGNING_UNSUPPORTED, resolveSystemUser } from '../git/system-user.js';
import { credentialsFor } from '../git/step-support.js';
import { gitStepOptions, type GitStepOptions } from '../git/step-options.js';
import { submoduleUpdate, sparseCheckoutProblem } from '../git/worktree-extras.js';
import { addWorkTree, lastCommitID } from '../git/work-tree.js';
import { rethrowWith, withContext } from '../git/wrap-error.js';
import { TerminalStepError, type StepContext, type StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';

export type { GitCloneConfig } from '../git/clone-config.js';

const failed = (message: string) => new TerminalStepError(message, { status: 'Failed' });

/** Problems Kargo finds after its schema (duplicate aliases) and ours (signing, sparse patterns). */
function checkBeyondSchema(config: GitCloneConfig): void {
  const seen = new Set<string>();
  config.checkout.forEach((checkout, index) => {
    if (!checkout.as) return;
    if (seen.has(checkout.as)) throw failed(`duplicate checkout alias ${JSON.stringify(checkout.as)} at checkout[${index}]`);
    seen.add(checkout.as);
  });
  if (config.author?.signingKey) throw failed(SIGNING_UNSUPPORTED);
  for (const checkout of config.checkout) {
    const problem = sparseCheckoutProblem(checkout.sparse ?? []);
    if (problem) throw failed(`error configuring sparse checkout for "${checkout.path}": ${problem}`);
  }
}

async function cloneUser(context: StepContext, config: GitCloneConfig, options: GitStepOptions) {
  if (config.author) return config.author;
  try {
    return await resolveSystemUser(context.client, options.systemUser);
  } catch (error) {
    if (error instanceof TerminalStepError) throw error;
    throw withContext(error, 'error resolving system git user');
  }
}

export function createGitCloneStep(options: GitStepOptions = gitStepOptions()): StepRunner<GitCloneConfig> {
  return {
    kind: 'git-clone',
    validate: validateGitCloneConfig,
    async run(context, config) {
      checkBeyondSchema(config);
      // Every path is checked before anything is cloned: a bad one changes nothing.
      const paths = config.checkout.map((checkout) => resolveInWorkDir(context.workDir, checkout.path));
      const credentials = await credentialsFor(context, config.repoURL, options);
      const user = await cloneUser(context, config, options);
      const repo = await cloneBare(config.repoURL, {
        baseDir: context.workDir,
        user,
        credentials,
        insecureSkipTLSVerify: config.insecureSkipTLSVerify,
        blobless: config.blobless,
        signal: context.signal,
      }).catch(rethrowWith(`error cloning ${config.repoURL}`));

      const commits: Record<string, string> = {};
      for (const [index, checkout] of config.checkout.entries()) {
        const ref = await checkoutRef(repo, checkout);
        const path = paths[index] as string;
        const workTree = await addWorkTree(repo, path, { ref, sparse: checkout.sparse }).catch(
          rethrowWith(`error adding work tree ${checkout.path} to repo ${config.repoURL}`),
        );
        if (config.recurseSubmodules) await submoduleUpdate(workTree, checkout.path);
        commits[checkout.as || checkout.path] = await lastCommitID(workTree).catch(rethrowWith(`error resolving HEAD for worktree at ${checkout.path}`));
      }
      return { status: 'Succeeded', output: { commits } };
    },
  };
}

export const gitCloneStep = createGitCloneStep();
