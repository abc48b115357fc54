// Go-style error context ("<what failed>: <cause>"), as Kargo's messages read.

export function withContext(cause: unknown, context: string): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${context}: ${message}`, { cause });
}

/** Awaits `work`; a failure is rethrown as "<context>: <cause>". */
export async function wrapError<T>(work: Promise<T>, context: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw withContext(error, context);
  }
}

/** For `.catch(...)`: rethrows the failure as "<context>: <cause>". */
export function rethrowWith(context: string): (error: unknown) => never {
  return (error) => {
    throw withContext(error, context);
  };
}
