// The process's output streams as every layer sees them: plain writable text
// streams whose TTY-ness and width a test can set.

export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface IO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** The process's input, opened only when a command reads it (`-f -`). */
  stdin?: () => AsyncIterable<string | Uint8Array>;
}
