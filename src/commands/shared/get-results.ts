// What `kargo get` prints after the listing: "nothing found", names that
// matched nothing (exit 3), and with -w one line per change.

import type { Session } from '../../cli/session.js';
import type { KubeClient } from '../../kube/client.js';
import { resources, type ResourceType } from '../../kube/resources.js';
import { formatGetResult, type PrintOptions } from '../../output/get-printer.js';
import type { TableContext } from '../../output/tables/table-context.js';
import { Failure } from '../../runtime/failure.js';
import type { GetRequest } from '../../usecases/get.js';
import { watchListing } from '../../usecases/watch-listing.js';

/** Prints "nothing found" on stderr and fails with exit 3 for names that matched nothing. */
export function finish(session: Session, type: ResourceType, project: string | undefined, found: number, missing: string[]): void {
  const where = project ? ` in project "${project}"` : type.namespaced ? ' in any project' : '';
  const tabular = session.options.output === undefined || session.options.output === 'wide';
  if (found === 0 && missing.length === 0 && tabular) {
    session.ctx.io.stderr.write(`No ${type === resources.freight ? 'Freight' : type.plural} found${where}.\n`);
  }
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(', ');
    throw new Failure(
      'not-found',
      `${type.kind} ${list} not found${where}`,
      `List what exists with \`kargo get ${type === resources.freight ? 'freight' : type.plural}${project ? ` -p ${project}` : ''}\`.`,
    );
  }
}

/** `-w`: the listing, then one line (or document) per change, appended, until interrupted. */
export async function followChanges(
  session: Session,
  client: KubeClient,
  request: GetRequest,
  printOptions: PrintOptions,
  tableContext: TableContext,
): Promise<void> {
  const { ctx } = session;
  const sleep = (ms: number, signal?: AbortSignal) => ctx.clock.sleep(ms, signal);
  for await (const event of watchListing(client, request, { signal: ctx.signal, sleep })) {
    if (event.kind === 'listed') {
      ctx.io.stdout.write(await formatGetResult(request.type, event.objects, printOptions, tableContext));
      continue;
    }
    const options: PrintOptions = { ...printOptions, headers: false, single: true };
    // Ages of later lines are as of the change, not as of the first listing.
    ctx.io.stdout.write(await formatGetResult(request.type, [event.object], options, { ...tableContext, now: ctx.clock.now() }));
  }
}
