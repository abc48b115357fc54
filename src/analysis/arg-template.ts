// `{{args.name}}` substitution with valyala/fasttemplate's semantics as Argo
// Rollouts uses it (utils/template/template.go): whitespace inside a tag is
// trimmed, every unknown tag is an error (the last one is reported), and a
// `{{` without `}}` cannot be parsed.

export type Substitution = { ok: true; text: string } | { ok: false; message: string };

export function substituteTags(template: string, values: ReadonlyMap<string, string>): Substitution {
  let output = '';
  let unresolved: string | undefined;
  let position = 0;
  for (;;) {
    const open = template.indexOf('{{', position);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    if (close < 0) {
      return { ok: false, message: `Cannot find end tag="}}" in the template=${goQuote(template)} starting from ${goQuote(template.slice(open + 2))}` };
    }
    const tag = template.slice(open + 2, close);
    output += template.slice(position, open);
    const value = values.get(tag.trim());
    if (value === undefined) unresolved = `failed to resolve {{${tag}}}`;
    else output += value;
    position = close + 2;
  }
  output += template.slice(position);
  return unresolved === undefined ? { ok: true, text: output } : { ok: false, message: unresolved };
}

function goQuote(text: string): string {
  return JSON.stringify(text);
}
