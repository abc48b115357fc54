// Error messages from expr-lang v1.17.8's test tables. `want` is the whole
// message: expr's reason, then where (expr's line:column), then the source.

export interface ErrorCase {
  code: string;
  want: string;
}

function at(code: string, reason: string, position: string): ErrorCase {
  return { code, want: `${reason} at ${position} in ${JSON.stringify(code)}` };
}

/** parser/parser_test.go, TestParse_error */
export const PARSE_ERRORS: ErrorCase[] = [
  at('foo.', 'unexpected end of expression', '1:4'),
  at('a+', 'unexpected token EOF', '1:2'),
  at('a ? (1+2) c', 'unexpected token Identifier("c")', '1:11'),
  at('[a b]', 'unexpected token Identifier("b")', '1:4'),
  at('foo.bar(a b)', 'unexpected token Identifier("b")', '1:11'),
  at('{-}', 'a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token Operator("-"))', '1:2'),
  at('[1, 2, 3,,]', 'unexpected token Operator(",")', '1:10'),
  at('[,]', 'unexpected token Operator(",")', '1:2'),
  at('{,}', 'a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token Operator(","))', '1:2'),
  at('{foo:1, bar:2, ,}', 'unexpected token Operator(",")', '1:16'),
  at('foo ?? bar || baz', 'Operator (||) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.', '1:12'),
  at('0b15', 'bad number syntax: "0b15"', '1:4'),
  at('0X10G', 'bad number syntax: "0X10G"', '1:5'),
  at('0o1E', 'invalid float literal: strconv.ParseFloat: parsing "0o1E": invalid syntax', '1:4'),
  at('0b1E', 'invalid float literal: strconv.ParseFloat: parsing "0b1E": invalid syntax', '1:4'),
  at('1E', 'invalid float literal: strconv.ParseFloat: parsing "1E": invalid syntax', '1:2'),
  at('1 not == [1, 2, 5]', 'unexpected token Operator("==")', '1:7'),
  at('foo(1; 2; 3)', 'unexpected token Operator(";")', '1:6'),
  at('map(ls, 1; 2; 3)', 'wrap predicate with brackets { and }', '1:10'),
  at('[1; 2; 3]', 'unexpected token Operator(";")', '1:3'),
  at('1 + if true { 2 } else { 3 }', 'unexpected token Operator("if")', '1:5'),
  at('if a { 1 } else b', 'unexpected token Identifier("b")', '1:17'),
  at('list | all(#,,)', 'unexpected token Operator(",")', '1:14'),
];

/** parser/lexer/lexer_test.go, TestLex_error */
export const LEX_ERRORS: ErrorCase[] = [
  at('"\\xQA"', 'invalid char escape', '1:4'),
  at('id "hello', 'literal not terminated', '1:10'),
  at('id `hello', 'literal not terminated', '1:10'),
  at('id `hello``', 'literal not terminated', '1:12'),
  at('id ```hello', 'literal not terminated', '1:12'),
  at('id `hello`` world', 'literal not terminated', '1:18'),
  at('früh ♥︎', "unrecognized character: U+2665 '♥'", '1:6'),
];

/** expr_test.go TestExpr_error; vm/runtime helpers' panics (reasons as the VM words them) */
export const RUNTIME_ERRORS: ErrorCase[] = [
  at('ArrayOfAny[-7]', 'index out of range: -3 (array length is 4)', '1:11'),
  at('reduce(10..1, # + #acc)', 'reduce of empty array with no initial value', '1:1'),
  at('1 + "a"', 'invalid operation: int + string', '1:3'),
  at('"a" - "b"', 'invalid operation: string - string', '1:5'),
  at('1.5 % 2', 'invalid operation: float64 % int', '1:5'),
  at('"a" < 1', 'invalid operation: string < int', '1:5'),
  at('1 % 0', 'integer divide by zero', '1:3'),
  at('Missing.field', 'cannot fetch field from <nil>', '1:9'),
  at('1 in 5', 'operator "in" not defined on int', '1:3'),
  at('nil()', 'unexpected token Bracket("(")', '1:4'),
  at('!"yes"', 'interface conversion: interface {} is string, not bool', '1:1'),
  at('Missing ? 1 : 2', 'interface conversion: interface {} is nil, not bool', '1:9'),
];

/** builtin/builtin_test.go, TestBuiltin_errors (reasons as the builtins word them at run time) */
export const BUILTIN_ERRORS: ErrorCase[] = [
  at('len()', 'invalid number of arguments (expected 1, got 0)', '1:1'),
  at('len(1)', 'invalid argument for len (type int)', '1:1'),
  at('abs()', 'invalid number of arguments (expected 1, got 0)', '1:1'),
  at('abs(1, 2)', 'invalid number of arguments (expected 1, got 2)', '1:1'),
  at('abs("foo")', 'invalid argument for abs (type string)', '1:1'),
  at('int()', 'invalid number of arguments (expected 1, got 0)', '1:1'),
  at('int(1, 2)', 'invalid number of arguments (expected 1, got 2)', '1:1'),
  at('float()', 'invalid number of arguments (expected 1, got 0)', '1:1'),
  at('float(1, 2)', 'invalid number of arguments (expected 1, got 2)', '1:1'),
  at('string(1, 2)', 'too many arguments to call string', '1:1'),
  at('trim()', 'not enough arguments to call trim', '1:1'),
  at('max()', 'not enough arguments to call max', '1:1'),
  at('max(1, "2")', 'invalid argument for max (type string)', '1:1'),
  at('max([1, "2"])', 'invalid argument for max (type string)', '1:1'),
  at('min()', 'not enough arguments to call min', '1:1'),
  at('min(1, "2")', 'invalid argument for min (type string)', '1:1'),
  at('min([1, "2"])', 'invalid argument for min (type string)', '1:1'),
  at('median(1..9, "t")', 'invalid argument for median (type string)', '1:1'),
  at('mean("s", 1..9)', 'invalid argument for mean (type string)', '1:1'),
  at('get()', 'invalid number of arguments (expected 2, got 0)', '1:1'),
  at('get(1, 2)', 'type int does not support indexing', '1:1'),
  at('flatten([1, 2], [3, 4])', 'invalid number of arguments (expected 1, got 2)', '1:1'),
  at('flatten(1)', 'cannot flatten int', '1:1'),
  at('bitshr(-5, -2)', 'invalid operation: negative shift count -2 (type int)', '1:1'),
  at('bitshl(1, -1)', 'invalid operation: negative shift count -1 (type int)', '1:1'),
  at('repeat("0", -1)', 'invalid argument for repeat (expected positive integer, got -1)', '1:1'),
  at('int("a")', 'invalid operation: int(a)', '1:1'),
  at('float("a")', 'invalid operation: float(a)', '1:1'),
];
