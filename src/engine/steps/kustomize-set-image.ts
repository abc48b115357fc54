// kustomize-set-image: set image names, tags and digests in a kustomization's
// `images`, from the config or (with no `images`) from every image of the Freight.

import { readFile, writeFile } from 'node:fs/promises';
import { array, defineConfig, enumOf, nonEmptyString, object, string, when } from '../config-schema.js';
import { errorMessage } from '../files/fs-errors.js';
import { imagesFromFreight } from '../files/freight-images.js';
import { findKustomization } from '../files/kustomization-file.js';
import { setKustomizationImages } from '../files/kustomization-images.js';
import type { KustomizeImage } from '../files/kustomization-images.js';
import type { StepRunner } from '../step.js';

export interface KustomizeSetImageConfig {
  path: string;
  images?: { image: string; name?: string; newName?: string; tag?: string; digest?: string }[];
}

const unset = enumOf('', null);

export const kustomizeSetImageStep: StepRunner<KustomizeSetImageConfig> = {
  kind: 'kustomize-set-image',
  validate: defineConfig(
    'kustomize-set-image',
    object(
      {
        path: nonEmptyString(),
        images: array(
          object(
            { image: nonEmptyString(), name: string(), newName: string(), tag: string(), digest: string() },
            {
              required: ['image'],
              oneOf: [when(['tag'], { tag: { minLength: 1 }, digest: unset }), when(['digest'], { digest: { minLength: 1 }, tag: unset })],
            },
          ),
        ),
      },
      { required: ['path'] },
    ),
  ),
  async run(context, config) {
    let file: string;
    try {
      file = await findKustomization(context.workDir, config.path);
    } catch (error) {
      throw new Error(`could not discover kustomization file: ${errorMessage(error)}`, { cause: error });
    }
    const targets = config.images?.length ? imagesFromConfig(config.images) : await imagesFromFreight(context);
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new Error(`could not read Kustomization file: ${errorMessage(error)}`);
    });
    await writeFile(file, setKustomizationImages(text, targets));
    return targets.size === 0 ? { status: 'Succeeded' } : { status: 'Succeeded', output: { commitMessage: commitMessage(config.path, targets) } };
  },
};

function imagesFromConfig(images: NonNullable<KustomizeSetImageConfig['images']>): Map<string, KustomizeImage> {
  const targets = new Map<string, KustomizeImage>();
  for (const image of images) {
    const name = image.name || image.image;
    const target: KustomizeImage = { name, newName: image.newName || undefined };
    if (image.digest) target.digest = image.digest;
    else if (image.tag) target.newTag = image.tag;
    targets.set(name, target);
  }
  return targets;
}

function commitMessage(path: string, images: ReadonlyMap<string, KustomizeImage>): string {
  const lines = [...images.keys()].sort().map((name) => {
    const image = images.get(name) as KustomizeImage;
    let ref = image.newName || image.name;
    if (image.newTag) ref += `:${image.newTag}`;
    if (image.digest) ref += `@${image.digest}`;
    return `\n- ${ref}`;
  });
  return `Updated ${path} to use new image${images.size > 1 ? 's' : ''}\n${lines.join('')}`;
}
