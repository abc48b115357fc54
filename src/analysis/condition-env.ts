// The environment Argo Rollouts evaluates successCondition/failureCondition in
// (EvalCondition in utils/evaluate/evaluate.go): `result` plus asInt, asFloat,
// isNaN, isInf, and isNil/default, which test `result` itself whatever they
// are given.

export function conditionEnv(result: unknown): Record<string, unknown> {
  const resultIsNil = result === null || result === undefined;
  return {
    result: resultIsNil ? null : result,
    asInt: (value: unknown): number => Math.trunc(toNumber(value, 'asInt', (text) => parseGoInt(text))),
    asFloat: (value: unknown): number => toNumber(value, 'asFloat', (text) => parseGoFloat(text)),
    isNaN: (value: unknown): boolean => Number.isNaN(float64(value, 'isNaN')),
    isInf: (value: unknown): boolean => {
      const number = float64(value, 'isInf');
      return number === Infinity || number === -Infinity;
    },
    isNil: (): boolean => resultIsNil,
    default: (_ignored: unknown, fallback: unknown): unknown => (resultIsNil ? fallback : result),
  };
}

function toNumber(value: unknown, name: string, parse: (text: string) => number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parse(value);
  throw new Error(`${name}() not supported on ${goType(value)} ${String(value)}`);
}

function float64(value: unknown, name: string): number {
  if (typeof value === 'number') return value;
  throw new Error(`cannot use ${goType(value)} as argument (type float64) to call ${name} `.trim());
}

function parseGoInt(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number.parseInt(text, 10);
}

function parseGoFloat(text: string): number {
  const special: Record<string, number> = {
    nan: NaN,
    inf: Infinity,
    '+inf': Infinity,
    '-inf': -Infinity,
    infinity: Infinity,
    '+infinity': Infinity,
    '-infinity': -Infinity,
  };
  const lower = text.toLowerCase();
  if (lower in special) return special[lower] ?? NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number.parseFloat(text);
}

function goType(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  return typeof value;
}
