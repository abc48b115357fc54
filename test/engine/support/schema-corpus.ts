// Holds a step's own config validation to Kargo's: for every config in a
// corpus, the project's verdict (valid or not) must equal ajv's verdict with
// the real schema from ../shared/kargo-steps/schemas (refs to common.json and
// argocd-common.json resolved). Tests may read ../shared; the product may not.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { configFormats } from '../../../src/engine/config-formats.js';

export const KARGO_SCHEMAS_DIR = '/work/shared/kargo-steps/schemas';

const readSchema = (file: string): Record<string, unknown> => {
  const schema = JSON.parse(readFileSync(join(KARGO_SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>;
  // git-tag's schema declares draft-07; its keywords mean the same under 2020-12.
  if (String(schema.$schema).includes('draft-07')) delete schema.$schema;
  return schema;
};

let kargoAjv: Ajv2020 | undefined;
function kargoValidator(kind: string): (config: unknown) => boolean {
  if (!kargoAjv) {
    kargoAjv = new Ajv2020({ allErrors: true, strict: false, formats: configFormats });
    kargoAjv.addSchema(readSchema('common.json'), 'common.json');
    kargoAjv.addSchema(readSchema('argocd-common.json'), 'argocd-common.json');
  }
  const id = `${kind}-config.json`;
  const existing = kargoAjv.getSchema(id);
  if (existing) return (config) => existing(config) as boolean;
  kargoAjv.addSchema(readSchema(id), id);
  const compiled = kargoAjv.getSchema(id);
  if (!compiled) throw new Error(`could not compile Kargo's schema ${id}`);
  return (config) => compiled(config) as boolean;
}

/** Kargo's verdict on one config (true = valid). */
export function kargoAccepts(kind: string, config: unknown): boolean {
  return kargoValidator(kind)(config);
}

export interface CorpusEntry {
  /** What the case is about, shown when a verdict differs. */
  name: string;
  config: unknown;
  /** The verdict the author expects; checked against Kargo's too, so the corpus itself cannot drift. */
  valid: boolean;
}

/**
 * Asserts, for each entry, that the project's validator and Kargo's schema
 * agree, and that both agree with the author's expectation. Invalid configs
 * must also get at least one message naming a field (`<field>: <problem>`).
 */
export function expectSameVerdicts(kind: string, validate: (config: unknown) => string[], corpus: readonly CorpusEntry[]): void {
  expect(
    corpus.some((entry) => entry.valid),
    `${kind} corpus needs a valid config`,
  ).toBe(true);
  expect(
    corpus.some((entry) => !entry.valid),
    `${kind} corpus needs an invalid config`,
  ).toBe(true);
  for (const entry of corpus) {
    const kargo = kargoAccepts(kind, entry.config);
    const problems = validate(entry.config);
    const ours = problems.length === 0;
    expect({ case: entry.name, kargo }).toEqual({ case: entry.name, kargo: entry.valid });
    expect({ case: entry.name, ours, problems }).toEqual({
      case: entry.name,
      ours: entry.valid,
      problems: entry.valid ? [] : expect.arrayContaining([expect.stringMatching(/^\S.*: .+/)]),
    });
  }
}
