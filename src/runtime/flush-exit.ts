// Exiting without losing output. Writes to a pipe are asynchronous in Node: once
// the pipe's buffer (64 KiB on Linux) is full, the rest waits in the stream, and
// `process.exit` would drop it. So the exit waits until both streams have
// handed everything to the operating system.

import type { Writable } from 'node:stream';

/** Resolves once every write queued on `stream` so far has been flushed (or the stream has failed or closed). */
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('error', done);
    stream.once('close', done);
    // The callback of an empty write runs after every earlier write has been flushed.
    stream.write('', () => done());
  });
}

/** Flushes stdout and stderr, then exits with `code`. */
export async function flushAndExit(code: number, streams: Writable[] = [process.stdout, process.stderr]): Promise<never> {
  await Promise.all(streams.map(drained));
  process.exit(code);
}
