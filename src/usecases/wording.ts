// Rules word their messages as clauses; a use-case ends one as a sentence
// before appending what to do next.

export function sentence(text: string): string {
  return /[.!?:]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}
