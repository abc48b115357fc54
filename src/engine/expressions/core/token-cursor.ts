// Walking a token list the way expr's parser does: one current token,
// `next()` past the end is "unexpected end of expression", errors carry the
// token's position.

import { ExpressionError } from './errors.js';
import { describe } from './grammar.js';
import type { Token, TokenKind } from './lexer.js';

export class TokenCursor {
  protected position = 0;

  constructor(
    protected readonly source: string,
    protected readonly tokens: readonly Token[],
  ) {}

  protected get current(): Token {
    return this.tokens[this.position]!;
  }

  protected next(): void {
    if (this.current.kind === 'EOF') this.fail('unexpected end of expression');
    this.position++;
  }

  protected is(kind: TokenKind, value?: string): boolean {
    return this.current.kind === kind && (value === undefined || this.current.value === value);
  }

  protected expect(kind: TokenKind, value?: string): Token {
    if (!this.is(kind, value)) this.unexpected();
    const token = this.current;
    this.next();
    return token;
  }

  protected fail(reason: string, at = this.current.at): never {
    throw new ExpressionError(reason, this.source, at);
  }

  protected unexpected(token = this.current): never {
    return this.fail(`unexpected token ${describe(token)}`, token.at);
  }
}
