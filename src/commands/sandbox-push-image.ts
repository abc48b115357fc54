// `kargo sandbox push-image NAME:TAG [--broken]`: a release published to the
// sandbox's OCI registry, where Warehouses discover it.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { globalOptionsOf } from '../cli/global-options.js';
import { withExamples } from '../cli/help.js';
import { formatDocument } from '../output/objects.js';
import { Failure } from '../runtime/failure.js';
import { sandboxPaths } from '../sandbox/paths.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `NAME:TAG`, or the whole reference with the registry's host in front. */
function parseImage(reference: string, host: string | undefined): { repository: string; tag: string } {
  const local = host && reference.startsWith(`${host}/`) ? reference.slice(host.length + 1) : reference;
  const colon = local.lastIndexOf(':');
  if (colon <= 0 || colon === local.length - 1 || local.slice(0, colon).includes(':')) {
    throw new Failure('usage', `push-image needs NAME:TAG (e.g. my-web-app:1.5.0), not "${reference}"`);
  }
  return { repository: local.slice(0, colon), tag: local.slice(colon + 1) };
}

export function pushImageCommand(ctx: CliContext): Command {
  const command = new Command('push-image')
    .description("Publish an image tag to the sandbox's OCI registry, where Warehouses discover it")
    .argument('<name:tag>', 'repository and tag, e.g. my-web-app:1.6.0')
    .option('--broken', 'mark the release broken: once deployed, its health check fails and its error rate is high')
    .option('--state-dir <dir>', 'the state directory the sandbox was started with')
    .action(async (reference: string, flags: { broken?: boolean; stateDir?: string }, self: Command) => {
      const paths = sandboxPaths(ctx.env, flags.stateDir);
      const { pushImage, registryHost } = await import('../sandbox/sandbox-registry.js');
      const host = registryHost(paths);
      const { repository, tag } = parseImage(reference, host);
      let pushed: Awaited<ReturnType<typeof pushImage>>;
      try {
        pushed = await pushImage(paths, repository, tag, { broken: flags.broken === true });
      } catch (error) {
        throw new Failure('usage', `cannot push ${reference}: ${messageOf(error)}`);
      }
      const image = `${host ?? '<registry>'}/${repository}:${tag}`;
      const output = globalOptionsOf(self).output;
      if (output === 'json' || output === 'yaml') {
        ctx.io.stdout.write(await formatDocument({ image, digest: pushed.digest, created: pushed.created, broken: flags.broken === true }, output));
      } else {
        ctx.io.stdout.write(`${image}\n`);
      }
      ctx.io.stderr.write(`Pushed ${image} (${pushed.digest})${flags.broken ? ', marked broken' : ''}.`);
      ctx.io.stderr.write(
        host ? ' Warehouses subscribed to it see it at their next discovery.\n' : " Start the sandbox ('kargo sandbox start') to serve it.\n",
      );
    });
  return withExamples(command, [
    ['Release 1.5.0 of the example application', 'kargo sandbox push-image my-web-app:1.5.0'],
    ['Release a version whose verification will fail', 'kargo sandbox push-image my-web-app:1.6.0 --broken'],
  ]);
}
