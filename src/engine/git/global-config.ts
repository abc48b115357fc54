// Writes the clone's "global" git configuration (HOME/.gitconfig) in one go
// rather than one `git config --global` process per key.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A value in git-config syntax: quoted, with backslash, quote and newline escaped. */
function quoteValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/** `settings` maps section → key → value, e.g. { user: { name: 'Kargo' } }. */
export async function writeGlobalConfig(homeDir: string, settings: Record<string, Record<string, string>>): Promise<void> {
  const lines: string[] = [];
  for (const [section, entries] of Object.entries(settings)) {
    lines.push(`[${section}]`);
    for (const [key, value] of Object.entries(entries)) lines.push(`\t${key} = ${quoteValue(value)}`);
  }
  await writeFile(join(homeDir, '.gitconfig'), `${lines.join('\n')}\n`, { mode: 0o600 });
}
