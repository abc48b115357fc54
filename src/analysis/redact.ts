// Secret values never reach status: Argo replaces them with ***** in
// measurement messages; this layer does the same for values too.

export function redact(text: string | undefined, secretValues: readonly string[]): string | undefined {
  if (text === undefined) return undefined;
  let result = text;
  for (const secret of secretValues) if (secret !== '') result = result.split(secret).join('*****');
  return result;
}
