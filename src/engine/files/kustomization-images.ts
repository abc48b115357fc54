// The `images` list of a kustomization.yaml, merged as Kargo's
// kustomize-set-image merges it: an entry for an image being set replaces the
// old entry (a `*` field keeps the old value), other entries stay, and the list
// is sorted by name. Only the `images` block of the file is rewritten.

import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Pair } from 'yaml';

export interface KustomizeImage {
  name: string;
  newName?: string;
  tagSuffix?: string;
  newTag?: string;
  digest?: string;
}

const PRESERVE = '*';
const FIELDS = ['name', 'newName', 'tagSuffix', 'newTag', 'digest'] as const;

export function mergeImages(current: readonly KustomizeImage[], targets: ReadonlyMap<string, KustomizeImage>): KustomizeImage[] {
  const merged = new Map(targets);
  for (const image of current) {
    const target = merged.get(image.name);
    if (!target) {
      merged.set(image.name, image);
      continue;
    }
    merged.set(image.name, {
      ...target,
      newName: target.newName === PRESERVE ? image.newName : target.newName,
      newTag: target.newTag === PRESERVE ? image.newTag : target.newTag,
      digest: target.digest === PRESERVE ? image.digest : target.digest,
    });
  }
  return [...merged.values()]
    .map((image) => ({
      ...image,
      newName: image.newName === PRESERVE ? undefined : image.newName,
      newTag: image.newTag === PRESERVE ? undefined : image.newTag,
      digest: image.digest === PRESERVE ? undefined : image.digest,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Returns the file's text with its `images` replaced by the merge of the old list and `targets`. */
export function setKustomizationImages(text: string, targets: ReadonlyMap<string, KustomizeImage>): string {
  const doc = parseDocument(text);
  const parseError = doc.errors[0];
  if (parseError) throw new Error(`could not unmarshal Kustomization file: ${parseError.message}`);
  if (!isMap(doc.contents) && doc.contents !== null) {
    throw new Error('could not update images field in Kustomization file: the file is not a YAML map');
  }
  const pair = isMap(doc.contents) ? doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'images') : undefined;
  const images = mergeImages(readImages(pair), targets);
  return spliceImages(text, pair, images);
}

function readImages(pair: Pair | undefined): KustomizeImage[] {
  if (!pair || pair.value === null) return [];
  if (!isSeq(pair.value)) throw new Error('could not decode images field in Kustomization file: images is not a list');
  return pair.value.items.map((item) => {
    const record: unknown = isMap(item) ? item.toJSON() : undefined;
    if (typeof record !== 'object' || record === null) {
      throw new Error('could not decode images field in Kustomization file: an entry is not a map');
    }
    const image: KustomizeImage = { name: '' };
    for (const field of FIELDS) {
      const value = (record as Record<string, unknown>)[field];
      if (value !== undefined && value !== null) image[field] = String(value);
    }
    return image;
  });
}

function spliceImages(text: string, pair: Pair | undefined, images: readonly KustomizeImage[]): string {
  const keyRange = isScalar(pair?.key) ? pair.key.range : undefined;
  const valueRange = (pair && isSeq(pair.value) ? pair.value.range : undefined) ?? undefined;
  const indent = valueRange ? lineIndent(text, valueRange[0]) : '';
  const block = renderImages(images, indent);
  const field = images.length === 0 ? 'images: []\n' : `images:\n${block}`;
  if (!keyRange) {
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${separator}${field}`;
  }
  const keyLineEnd = endOfLine(text, keyRange[1]);
  const blockStyle = images.length > 0 && valueRange !== undefined && valueRange[0] >= keyLineEnd;
  if (blockStyle) {
    // Keep the `images:` line (and its comment); replace the items under it.
    return text.slice(0, keyLineEnd) + block + text.slice(valueRange[2]);
  }
  const end = valueRange ? Math.max(endOfLine(text, valueRange[1]), keyLineEnd) : keyLineEnd;
  return `${text.slice(0, keyRange[0])}${field}${text.slice(end)}`;
}

function renderImages(images: readonly KustomizeImage[], indent: string): string {
  const entries = images.map((image) => Object.fromEntries(FIELDS.filter((field) => image[field]).map((field) => [field, image[field]])));
  const rendered = new Document(entries).toString({ indentSeq: false });
  return rendered
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
}

function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ ]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}
