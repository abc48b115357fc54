// Golden files under test/golden/<area>/. `UPDATE_GOLDEN=1` rewrites them after a
// deliberate change (review the diff before committing); a missing file is an
// error, so a forgotten golden never passes silently.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_ROOT = fileURLToPath(new URL('../golden/', import.meta.url));

export type ExpectGolden = (name: string, actual: string) => void;

export function goldenFiles(area: string): ExpectGolden {
  return (name, actual) => {
    const path = join(GOLDEN_ROOT, area, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, actual);
      return;
    }
    if (!existsSync(path)) throw new Error(`golden file ${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  };
}
