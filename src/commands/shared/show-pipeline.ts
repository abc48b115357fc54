// The pipeline picture (or its graph as data): `kargo status` and `kargo get pipeline`.

import { projectNotFound } from '../../usecases/not-found.js';
import { Failure } from '../../runtime/failure.js';
import type { Session } from '../../cli/session.js';
import { renderPipeline } from '../../output/pipeline.js';
import { pipelineStyle } from '../../output/pipeline-style.js';
import { formatSoak } from '../../rules/duration.js';
import { loadPipeline } from '../../usecases/status.js';
import { formatDocument } from '../../output/objects.js';

/** Shared by `kargo status` and `kargo get pipeline`. */
export async function showPipeline(session: Session, commandName: string): Promise<void> {
  const { ctx, options } = session;
  const output = options.output;
  if (output !== undefined && output !== 'json' && output !== 'yaml') {
    throw new Failure('usage', `-o ${output} is not supported by ${commandName}`, 'Use -o json or -o yaml for the graph data, or no -o for the picture.');
  }
  const project = await session.project();
  const graph = await loadPipeline(await session.client(), project, ctx.clock.now());
  if (!graph) throw projectNotFound(project);
  if (output === 'json' || output === 'yaml') return void ctx.io.stdout.write(await formatDocument(graph, output));
  const columns = ctx.io.stdout.columns;
  const style = pipelineStyle(ctx.io.stdout, ctx.env, options.color);
  ctx.io.stdout.write(renderPipeline(graph, { ...style, ...(columns ? { columns } : {}), formatDuration: formatSoak }));
}
