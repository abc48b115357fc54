// The terminal picture of a project's pipeline (`kargo status`): Warehouses on
// top, then one row of Stages per layer, each box saying what the Stage holds now.

import type { HealthState, VerificationPhase } from '../model/kargo.js';
import { isUnsuccessfulPromotionPhase } from '../model/phases.js';
import type { PipelineEdge, PipelineGraph, PipelineStage, PipelineWarehouse } from '../rules/pipeline-graph.js';
import { asciiGlyphs, unicodeGlyphs, type Painter, type Tone } from './pipeline-canvas.js';
import { layoutPipeline, type LayoutNode, type TextLine } from './pipeline-layout.js';

export interface PipelinePictureOptions {
  /** Box-drawing characters; plain `+ - | v` otherwise. */
  unicode: boolean;
  /** Colours text; omit for plain output. */
  paint?: Painter;
  /** Terminal width; boxes narrow to fit when they can. */
  columns?: number;
  /** Formats milliseconds the way durations are shown elsewhere (e.g. `1h12m`). */
  formatDuration: (ms: number) => string;
}

const INNER_WIDTHS = [24, 20, 16, 12];

export function renderPipeline(graph: PipelineGraph, options: PipelinePictureOptions): string {
  const paint: Painter = options.paint ?? ((text) => text);
  const glyphs = options.unicode ? unicodeGlyphs : asciiGlyphs;
  const header = `${paint('Project', 'muted')} ${paint(graph.project, 'name')}`;
  const warnings = graph.warnings.map((warning) => `${paint('warning:', 'warn')} ${warning}`);
  if (graph.warehouses.length === 0 && graph.stages.length === 0) {
    return [header, '', 'No warehouses or stages in this project yet.', ...warnings].join('\n') + '\n';
  }

  const separator = options.unicode ? ' · ' : ', ';
  const nodes = new Map<string, LayoutNode>();
  for (const warehouse of graph.warehouses)
    nodes.set(nodeId('Warehouse', warehouse.name), { id: nodeId('Warehouse', warehouse.name), lines: warehouseLines(warehouse), rounded: true });
  for (const stage of graph.stages) {
    const incoming = graph.edges.filter((edge) => edge.to === stage.name);
    nodes.set(nodeId('Stage', stage.name), {
      id: nodeId('Stage', stage.name),
      lines: stageLines(stage, incoming, separator, options.formatDuration),
      rounded: false,
    });
  }
  const layers = graph.layers.map((layer) => layer.map((ref) => nodeId(ref.kind, ref.name)));
  const edges = graph.edges.map((edge) => ({ from: nodeId(edge.from.kind, edge.from.name), to: nodeId('Stage', edge.to) }));

  let picture: string[] = [];
  for (const maxInnerWidth of INNER_WIDTHS) {
    const canvas = layoutPipeline({ layers, nodes, edges, maxInnerWidth, ellipsis: glyphs.ellipsis });
    picture = canvas.render(glyphs, paint);
    const widest = Math.max(...canvas.render(glyphs, (text) => text).map((line) => [...line].length));
    if (!options.columns || widest <= options.columns) break;
  }
  return [header, '', ...picture, ...(warnings.length ? ['', ...warnings] : [])].join('\n') + '\n';
}

function nodeId(kind: string, name: string): string {
  return `${kind}/${name}`;
}

function warehouseLines(warehouse: PipelineWarehouse): TextLine[] {
  const lines: TextLine[] = [[{ text: warehouse.name, tone: 'name' }], [{ text: 'warehouse', tone: 'muted' }]];
  if (warehouse.missing) lines.push([{ text: 'not found', tone: 'bad' }]);
  else if (warehouse.latestFreight)
    lines.push([{ text: 'latest ', tone: 'muted' }, { text: warehouse.latestFreight.alias ?? shortName(warehouse.latestFreight.name) }]);
  else lines.push([{ text: 'no freight yet', tone: 'muted' }]);
  return lines;
}

function stageLines(stage: PipelineStage, incoming: PipelineEdge[], separator: string, formatDuration: (ms: number) => string): TextLine[] {
  const lines: TextLine[] = [[{ text: stage.name, tone: 'name' }]];
  if (stage.missing) return [...lines, [{ text: 'not found', tone: 'bad' }]];
  if (stage.controlFlow) lines.push([{ text: 'control flow', tone: 'muted' }]);

  const gate = gateLine(incoming, separator);
  if (gate) lines.push([{ text: gate, tone: 'muted' }]);

  if (stage.freight.length === 0) lines.push([{ text: 'no freight', tone: 'muted' }]);
  for (const freight of stage.freight.slice(0, 2)) lines.push([{ text: freight.alias ?? shortName(freight.name), tone: 'info' }]);
  if (stage.freight.length > 2) lines.push([{ text: `+${stage.freight.length - 2} more`, tone: 'muted' }]);

  if (stage.health && stage.health !== 'NotApplicable') lines.push([{ text: stage.health, tone: healthTone(stage.health) }]);
  if (stage.verification) lines.push([verificationWords(stage.verification)]);

  if (stage.currentPromotion) {
    const freight = stage.currentPromotion.freight;
    lines.push([{ text: `promoting${freight ? ` ${freight.alias ?? shortName(freight.name)}` : ''}`, tone: 'warn' }]);
  } else if (stage.lastPromotion && isUnsuccessfulPromotionPhase(stage.lastPromotion.phase)) {
    lines.push([{ text: `promotion ${stage.lastPromotion.phase}`, tone: 'bad' }]);
  }

  const soaking = new Map<number, string>();
  for (const soak of stage.soaks) {
    if (soak.verified && !soak.complete) soaking.set(soak.requiredMs, `soak ${formatDuration(soak.elapsedMs)}/${formatDuration(soak.requiredMs)}`);
  }
  for (const text of soaking.values()) lines.push([{ text, tone: 'warn' }]);
  return lines;
}

/** What a Stage asks of its upstream Stages: `all of 2`, `1h soak`. */
function gateLine(incoming: PipelineEdge[], separator: string): string | undefined {
  const fromStages = incoming.filter((edge) => edge.from.kind === 'Stage');
  const parts: string[] = [];
  const upstreamCount = new Set(fromStages.map((edge) => edge.from.name)).size;
  if (upstreamCount > 1) parts.push(fromStages.some((edge) => edge.availabilityStrategy === 'All') ? `all of ${upstreamCount}` : `any of ${upstreamCount}`);
  const soak = fromStages.find((edge) => edge.requiredSoakTime)?.requiredSoakTime;
  if (soak) parts.push(`${soak} soak`);
  return parts.length ? `needs ${parts.join(separator)}` : undefined;
}

function healthTone(health: HealthState): Tone {
  if (health === 'Healthy') return 'ok';
  if (health === 'Progressing') return 'warn';
  if (health === 'Unhealthy') return 'bad';
  return 'muted';
}

function verificationWords(phase: VerificationPhase): { text: string; tone: Tone } {
  switch (phase) {
    case 'Successful':
      return { text: 'verified', tone: 'ok' };
    case 'Pending':
    case 'Running':
      return { text: 'verifying', tone: 'warn' };
    case 'Aborted':
      return { text: 'verification Aborted', tone: 'muted' };
    default:
      return { text: `verification ${phase}`, tone: 'bad' };
  }
}

function shortName(name: string): string {
  return name.slice(0, 7);
}
