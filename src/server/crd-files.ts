// Reads CRD YAML files. Parsing the shared CRDs takes ~0.5 s, so parsed documents
// are cached as JSON (in memory, and in the user's temp dir keyed by path, size and mtime).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import { isJsonObject, type StoredObject } from './types.js';

const memory = new Map<string, StoredObject[]>();

function cacheDir(): string {
  return join(tmpdir(), `kargo-crd-cache-${userInfo().uid}`);
}

function parseFile(path: string): StoredObject[] {
  const stat = statSync(path);
  const key = createHash('sha256').update(`${path}|${stat.size}|${stat.mtimeMs}`).digest('hex').slice(0, 32);
  const cached = memory.get(key);
  if (cached) return cached;
  const cacheFile = join(cacheDir(), `${key}.json`);
  let documents: StoredObject[] | undefined;
  if (existsSync(cacheFile)) {
    try {
      documents = JSON.parse(readFileSync(cacheFile, 'utf8')) as StoredObject[];
    } catch {
      documents = undefined;
    }
  }
  if (!documents) {
    documents = parseAllDocuments(readFileSync(path, 'utf8'))
      .map((document) => document.toJS() as unknown)
      .filter((value): value is StoredObject => isJsonObject(value) && value.kind === 'CustomResourceDefinition');
    try {
      mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
      writeFileAtomic(cacheFile, JSON.stringify(documents));
    } catch {
      // A cache we cannot write only costs time.
    }
  }
  memory.set(key, documents);
  return documents;
}

/** Every CustomResourceDefinition in the YAML/JSON files of the given directories, in file-name order. */
export function readCrdDirectories(dirs: string[]): StoredObject[] {
  const crds: StoredObject[] = [];
  for (const dir of dirs) {
    const files = readdirSync(dir)
      .filter((file) => /\.(ya?ml|json)$/.test(file))
      .sort();
    for (const file of files) crds.push(...parseFile(join(dir, file)).map((crd) => structuredClone(crd)));
  }
  return crds;
}
