// The core language against expr-lang's own test tables (see cases/).

import { describe, expect, it } from 'vitest';
import { evaluateExpression, ExpressionError } from '../../../src/engine/expressions/index.js';
import { builtinEnv, mockEnv } from './cases/expr-env.js';
import { BUILTIN_ERRORS, LEX_ERRORS, PARSE_ERRORS, RUNTIME_ERRORS } from './cases/expr-error-cases.js';
import { BUILTIN_TEST, CHAINING_TEST, EXPR_TEST, PIPES_TEST } from './cases/expr-lang-cases.js';

describe('expr-lang values (expr_test.go TestExpr)', () => {
  it.each(EXPR_TEST)('$code', ({ code, want }) => {
    expect(evaluateExpression(code, mockEnv)).toEqual(want);
  });
});

describe('expr-lang builtins (builtin/builtin_test.go TestBuiltin)', () => {
  it.each(BUILTIN_TEST)('$code', ({ code, want }) => {
    expect(evaluateExpression(code, builtinEnv)).toEqual(want);
  });
});

describe('optional chaining, ??, $env and pipes (expr_test.go, test/pipes)', () => {
  it.each(CHAINING_TEST)('$code', ({ code, env, want }) => {
    expect(evaluateExpression(code, env)).toEqual(want);
  });
  it.each(PIPES_TEST)('$code', ({ code, want }) => {
    expect(evaluateExpression(code, mockEnv)).toEqual(want);
  });
});

const errorEnv = { ArrayOfAny: [1, '2', 3, true] };

describe('errors say what and where', () => {
  it.each([...PARSE_ERRORS, ...LEX_ERRORS, ...RUNTIME_ERRORS, ...BUILTIN_ERRORS])('$code', ({ code, want }) => {
    let caught: unknown;
    try {
      evaluateExpression(code, errorEnv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect((caught as ExpressionError).message).toBe(want);
    expect((caught as ExpressionError).expression).toBe(code);
  });
});
