// A live view of something being waited on, in the two shapes a terminal and a
// CI log each need: on a TTY one redrawn block under an ora spinner; otherwise
// append-only lines, printed only when they change, plus a heartbeat so a CI job
// that sees no output for a while does not look (or get killed as) hung.

import ora, { type Ora } from 'ora';
import type { OutputStream } from '../runtime/io.js';
import { formatSoak } from '../rules/duration.js';

export interface ProgressFrame {
  /** One line saying where things stand. */
  headline: string;
  /** Detail lines (steps, metrics), each with a stable key so only changes are re-printed. */
  details: { key: string; text: string }[];
}

export interface ProgressView {
  show(frame: ProgressFrame): void;
  /** Ends the view with a final line (kept on screen). */
  finish(outcome: 'success' | 'failure' | 'warning' | 'info', line: string): void;
  /** Ends the view without a final line (the caller reports what went wrong). */
  stop(): void;
}

export interface ProgressViewOptions {
  stream: OutputStream;
  /** Redraw with a spinner (TTY) or append lines (pipes, CI). */
  interactive: boolean;
  heartbeatMs?: number;
  now(): Date;
}

export function createProgressView(options: ProgressViewOptions): ProgressView {
  // Redrawing needs the terminal width (to count wrapped lines); without it, append.
  const width = options.stream.columns ?? 0;
  return options.interactive && width > 0 ? new SpinnerView(options.stream) : new AppendOnlyView(options);
}

class SpinnerView implements ProgressView {
  private readonly spinner: Ora;
  private last: ProgressFrame | undefined;
  private finished = false;

  constructor(stream: OutputStream) {
    // ora only needs write/isTTY/columns; our OutputStream is the process stream on a TTY.
    this.spinner = ora({ stream: stream as NodeJS.WritableStream, isEnabled: true, discardStdin: false });
  }

  show(frame: ProgressFrame): void {
    // A watch event may still arrive after the outcome was decided; the view is closed by then.
    if (this.finished) return;
    this.last = frame;
    this.spinner.text = [frame.headline, ...frame.details.map((detail) => `  ${detail.text}`)].join('\n');
    if (!this.spinner.isSpinning) this.spinner.start();
  }

  stop(): void {
    this.finished = true;
    this.spinner.stop();
  }

  finish(outcome: 'success' | 'failure' | 'warning' | 'info', line: string): void {
    this.finished = true;
    const details = this.last?.details.map((detail) => `  ${detail.text}`) ?? [];
    const text = [line, ...details].join('\n');
    if (outcome === 'success') this.spinner.succeed(text);
    else if (outcome === 'failure') this.spinner.fail(text);
    else if (outcome === 'warning') this.spinner.warn(text);
    else this.spinner.info(text);
  }
}

class AppendOnlyView implements ProgressView {
  private lastHeadline = '';
  private readonly printedDetails = new Map<string, string>();
  private lastWriteAt: number;
  private readonly startedAt: number;
  private readonly heartbeat: NodeJS.Timeout;
  private finished = false;

  constructor(private readonly options: ProgressViewOptions) {
    this.startedAt = options.now().getTime();
    this.lastWriteAt = this.startedAt;
    const every = options.heartbeatMs ?? 30_000;
    this.heartbeat = setInterval(() => this.beat(every), Math.min(every, 1_000));
    this.heartbeat.unref?.();
  }

  show(frame: ProgressFrame): void {
    if (this.finished) return;
    if (frame.headline !== this.lastHeadline) {
      this.lastHeadline = frame.headline;
      this.write(frame.headline);
    }
    for (const detail of frame.details) {
      if (this.printedDetails.get(detail.key) === detail.text) continue;
      this.printedDetails.set(detail.key, detail.text);
      this.write(`  ${detail.text}`);
    }
  }

  stop(): void {
    this.finished = true;
    clearInterval(this.heartbeat);
  }

  finish(_outcome: 'success' | 'failure' | 'warning' | 'info', line: string): void {
    this.finished = true;
    clearInterval(this.heartbeat);
    this.write(line);
  }

  private beat(every: number): void {
    const now = this.options.now().getTime();
    if (now - this.lastWriteAt < every || !this.lastHeadline) return;
    this.write(`… still waiting (${formatSoak(now - this.startedAt)}): ${this.lastHeadline}`);
  }

  private write(line: string): void {
    this.lastWriteAt = this.options.now().getTime();
    this.options.stream.write(`${line}\n`);
  }
}
