// Kargo's image selectors (pkg/image/*_selector.go). SemVer (the default),
// Lexical and NewestBuild list tags, filter them by the allow/ignore regexes
// (SemVer also by semver and its constraint), order them and read images
// until the discovery limit; NewestBuild reads every matching tag's image and
// orders by creation time. Digest follows one mutable tag. A platform
// constraint (`os/arch[/variant]`) keeps only images built for it.

import { tagMatcher } from './name-filters.js';
import { type ImageMetadata, imageMetadata, type Platform } from './image-metadata.js';
import { RegistryError, type RegistryClient } from './registry-client.js';
import { newestFirst, parseVersion, versionConstraint } from './semver.js';
import type { DiscoveredImageReference, ImageSubscription } from './types.js';

const NEWEST_BUILD_CONCURRENCY = 8;

interface PlatformConstraint {
  os: string;
  arch: string;
  variant: string;
}

function parsePlatform(text: string | undefined): PlatformConstraint | undefined {
  if (!text) return undefined;
  const [os = '', arch = '', variant = '', ...rest] = text.split('/');
  if (!os || !arch || rest.length > 0) throw new Error(`error parsing platform constraint "${text}": must be in format <os>/<arch>`);
  return { os, arch, variant };
}

function platformOf(image: ImageMetadata, constraint: PlatformConstraint): Platform | undefined {
  return image.platforms.find((p) => p.os === constraint.os && p.arch === constraint.arch && (constraint.variant === '' || p.variant === constraint.variant));
}

function toAPI(image: ImageMetadata, constraint: PlatformConstraint | undefined): DiscoveredImageReference {
  let annotations = image.annotations ? { ...image.annotations } : undefined;
  const platform = constraint && platformOf(image, constraint);
  if (platform?.annotations) annotations = { ...annotations, ...platform.annotations };
  return {
    tag: image.tag,
    digest: image.digest,
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(image.createdAt ? { createdAt: image.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
  };
}

export async function selectImages(sub: ImageSubscription, client: RegistryClient): Promise<DiscoveredImageReference[]> {
  const strategy = sub.imageSelectionStrategy || 'SemVer';
  const platform = parsePlatform(sub.platform);
  const limit = sub.discoveryLimit ?? 20;
  const byTag = async (tag: string): Promise<ImageMetadata | undefined> => {
    let image: ImageMetadata;
    try {
      image = { ...(await imageMetadata(client, tag)), tag };
    } catch (error) {
      throw new Error(`error retrieving image with tag "${tag}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return !platform || platformOf(image, platform) ? image : undefined;
  };

  if (strategy === 'Digest') {
    if (!sub.constraint) throw new Error('constraint must be set when imageSelectionStrategy is Digest');
    try {
      const image = await byTag(sub.constraint);
      return image ? [toAPI(image, platform)] : [];
    } catch (error) {
      if (error instanceof Error && error.cause instanceof RegistryError && error.cause.status === 404) return [];
      throw error;
    }
  }
  if (sub.allowTags) throw new Error('AllowTags is deprecated and unsupported as of v1.11.0; use AllowTagsRegexes instead');
  if (sub.ignoreTags && sub.ignoreTags.length > 0) throw new Error('IgnoreTags is deprecated and unsupported as of v1.11.0; use IgnoreTagsRegexes instead');
  const byName = tagMatcher(sub.allowTagsRegexes, sub.ignoreTagsRegexes);
  const strict = sub.strictSemvers ?? true;
  const constraint = strategy === 'SemVer' ? versionConstraint(sub.constraint) : undefined;

  let tags: string[];
  try {
    tags = await client.listTags();
  } catch (error) {
    throw new Error(`error listing tags: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (strategy === 'SemVer') {
    tags = tags
      .filter((tag) => byName(tag))
      .map((tag) => parseVersion(tag, strict))
      .filter((version) => version !== undefined && (!constraint || constraint(version)))
      .map((version) => version!)
      .sort(newestFirst)
      .map((version) => version.original);
  } else {
    tags = tags.filter((tag) => byName(tag));
    if (strategy === 'Lexical') tags.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  }

  if (strategy === 'NewestBuild') {
    const images: ImageMetadata[] = [];
    for (let i = 0; i < tags.length; i += NEWEST_BUILD_CONCURRENCY) {
      const batch = await Promise.all(tags.slice(i, i + NEWEST_BUILD_CONCURRENCY).map(byTag));
      for (const image of batch) if (image) images.push(image);
    }
    images.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0) || (b.tag < a.tag ? -1 : b.tag > a.tag ? 1 : 0));
    return images.slice(0, limit).map((image) => toAPI(image, platform));
  }
  const images: ImageMetadata[] = [];
  for (const tag of tags) {
    if (images.length >= limit) break;
    const image = await byTag(tag);
    if (image) images.push(image);
  }
  return images.map((image) => toAPI(image, platform));
}
