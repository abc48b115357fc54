// The environment expr-lang's tests run against (test/mock.Env in
// expr v1.17.8, and builtin/builtin_test.go's map), as plain values.

export const mockEnv: Readonly<Record<string, unknown>> = {
  Any: null,
  Bool: true,
  Float: 0,
  Float64: 0,
  Int64: 0,
  Int32: 0,
  Int: 0,
  One: 1,
  Two: 2,
  Uint32: 0,
  Uint64: 0,
  String: 'string',
  NilAny: null,
  NilStruct: null,
  NilSlice: null,
  NilInt: null,
  Foo: { Value: 'foo', Bar: { Baz: 'baz' } },
  ArrayOfInt: [1, 2, 3, 4, 5],
  ArrayOfFoo: [{ Value: 'foo' }, { Value: 'bar' }, { Value: 'baz' }],
  Add: (a: number, b: number) => a + b,
  GetInt: () => 0,
  Variadic: (head: number, ...xs: number[]) => head === xs.reduce((sum, x) => sum + x, 0),
};

export const builtinEnv: Readonly<Record<string, unknown>> = {
  ArrayOfString: ['foo', 'bar', 'baz'],
  ArrayOfInt: [1, 2, 3],
  ArrayOfFloat: [1.5, 2.5, 3.5],
  ArrayOfAny: [1, '2', true],
  ArrayOfFoo: [{ Value: 'a' }, { Value: 'b' }, { Value: 'c' }],
  EmptyIntArray: [],
  EmptyFloatArray: [],
  NestedIntArrays: [
    [1, 2],
    [3, 4],
  ],
  NestedAnyArrays: [
    [1, 2],
    [3, 4],
  ],
  MixedNestedArray: [1, [2, 3], [4.0, 5.0]],
};
