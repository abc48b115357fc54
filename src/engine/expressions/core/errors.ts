// Errors of the expression language. Every error a user can cause names the
// place in the expression (line:column, 1-based, counted in characters like
// expr-lang does) and quotes the expression itself.

/** A failure to parse or evaluate one expression. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly line: number;
  readonly column: number;

  constructor(
    /** What went wrong, in expr-lang's words (e.g. `literal not terminated`). */
    readonly reason: string,
    readonly expression: string,
    /** Index into `expression` (UTF-16 code units) where the problem is. */
    readonly offset: number,
    /** The error a function or builtin threw, when this wraps one. */
    cause?: unknown,
  ) {
    const { line, column } = locate(expression, offset);
    super(`${reason} at ${line}:${column} in ${JSON.stringify(expression)}`, cause === undefined ? undefined : { cause });
    this.line = line;
    this.column = column;
  }
}

/**
 * A runtime failure raised by an operator, builtin or function before the
 * evaluator knows where it happened; the evaluator turns it into an
 * ExpressionError at the node being evaluated.
 */
export class EvaluationFault extends Error {
  override readonly name = 'EvaluationFault';
}

function locate(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let index = 0;
  for (const char of source) {
    if (index >= offset) break;
    if (char === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    index += char.length;
  }
  return { line, column };
}
