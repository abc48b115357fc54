// The `-o` formats and `--color` modes the output layer knows how to honour.

/** The formats offered by completion; each takes no argument. */
export const OUTPUT_FORMATS = ['json', 'yaml', 'name', 'wide'] as const;

/** kubectl's template formats, spelled `-o FORMAT=ARGUMENT` (or `-o FORMAT --template ARGUMENT`). */
export const TEMPLATE_FORMATS = [
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'go-template',
  'go-template-file',
  'template',
  'templatefile',
  'custom-columns',
  'custom-columns-file',
] as const;

export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number] | TemplateFormat;

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value) || (TEMPLATE_FORMATS as readonly string[]).includes(value);
}

export function isTemplateFormat(value: string | undefined): value is TemplateFormat {
  return (TEMPLATE_FORMATS as readonly string[]).includes(value ?? '');
}

export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];
