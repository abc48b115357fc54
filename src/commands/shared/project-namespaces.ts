// Says on stderr which Project namespaces kargo created itself because no Kargo
// webhook on the cluster did (stdout stays what Kargo's CLI prints).

import type { CliContext } from '../../cli/context.js';

export function noteNamespaces(ctx: CliContext, namespaces: string[]): void {
  for (const namespace of namespaces) {
    ctx.io.stderr.write(`namespace/${namespace} created (this cluster has no Kargo webhook to create a Project's namespace)\n`);
  }
}
