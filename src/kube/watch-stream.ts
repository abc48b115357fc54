// Splits a watch response (newline-delimited JSON over chunked HTTP) into events.
// A chunk may end mid-line or hold several lines; both are normal.

export interface RawWatchEvent {
  type: string;
  object: unknown;
}

export async function* parseWatchLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<RawWatchEvent> {
  let pending = '';
  for await (const chunk of stream) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) yield parseEvent(line);
      newline = pending.indexOf('\n');
    }
  }
  if (pending.trim()) yield parseEvent(pending.trim());
}

function parseEvent(line: string): RawWatchEvent {
  const parsed = JSON.parse(line) as Partial<RawWatchEvent>;
  if (typeof parsed.type !== 'string' || typeof parsed.object !== 'object' || parsed.object === null) {
    throw new Error(`malformed watch event: ${line.slice(0, 120)}`);
  }
  return { type: parsed.type, object: parsed.object };
}
