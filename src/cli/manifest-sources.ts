// What `-f` names, read as kubectl reads it: a file (any extension), a directory
// (its .yaml, .yml and .json files in name order; subdirectories with -R), `-`
// for stdin, or an http(s) URL.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestText } from '../rules/manifest-documents.js';
import { fail } from '../runtime/failure.js';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const URL_TIMEOUT_MS = 30_000;

export interface SourceOptions {
  recursive: boolean;
  stdin?: () => AsyncIterable<string | Uint8Array>;
  signal?: AbortSignal;
}

/** `-f a.yaml,b.yaml -f dir/` → every path once, in the order given. */
export function collectFilenames(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter((part) => part !== '')];
}

export async function readManifestSources(filenames: string[], options: SourceOptions): Promise<ManifestText[]> {
  if (filenames.length === 0) fail('usage', 'no manifests given', 'Pass -f FILE, -f DIRECTORY or -f - (stdin).');
  if (filenames.filter((name) => name === '-').length > 1) fail('usage', '-f - (stdin) may be given only once');
  const texts: ManifestText[] = [];
  for (const filename of filenames) {
    if (filename === '-') texts.push({ source: 'stdin', text: await readStdin(options) });
    else if (/^https?:\/\//.test(filename)) texts.push({ source: filename, text: await readUrl(filename, options.signal) });
    else texts.push(...(await readPath(filename, options.recursive, true)));
  }
  return texts;
}

async function readStdin(options: SourceOptions): Promise<string> {
  if (!options.stdin) fail('usage', 'cannot read manifests from stdin here');
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of options.stdin()) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

async function readUrl(url: string, signal: AbortSignal | undefined): Promise<string> {
  const limit = AbortSignal.timeout(URL_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ? AbortSignal.any([signal, limit]) : limit });
  } catch (error) {
    fail('usage', `cannot read ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) fail('usage', `cannot read ${url}: HTTP ${response.status} ${response.statusText}`);
  return response.text();
}

async function readPath(path: string, recursive: boolean, named: boolean): Promise<ManifestText[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) fail('usage', `the path "${path}" does not exist`);
  if (!info.isDirectory())
    return named || MANIFEST_EXTENSIONS.some((extension) => path.endsWith(extension)) ? [{ source: path, text: await readFile(path, 'utf8') }] : [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const texts: ManifestText[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && !recursive) continue;
    texts.push(...(await readPath(join(path, entry.name), recursive, false)));
  }
  return texts;
}
