// kustomize-set-image without `images`: every image of the Promotion's
// Freight, unless two requested Warehouses subscribe to the same image
// repository (then Kargo asks for manual configuration).

import type { Warehouse } from '../../model/kargo.js';
import { isNotFound } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import type { StepContext } from '../step.js';
import type { KustomizeImage } from './kustomization-images.js';

export async function imagesFromFreight(context: StepContext): Promise<Map<string, KustomizeImage>> {
  const ambiguity = await findAmbiguousImageRequest(context);
  if (ambiguity) throw new Error(`manual configuration required due to ambiguous result: ${ambiguity}`);
  const images = new Map<string, KustomizeImage>();
  for (const reference of Object.values(context.freight.items ?? {})) {
    for (const image of reference.images ?? []) {
      if (!image.repoURL) continue;
      images.set(image.repoURL, { name: image.repoURL, newTag: image.tag || undefined, digest: image.digest || undefined });
    }
  }
  return images;
}

async function findAmbiguousImageRequest(context: StepContext): Promise<string | undefined> {
  const seen = new Set<string>();
  for (const request of context.freightRequests) {
    const name = request.origin.name;
    let warehouse: Warehouse;
    try {
      warehouse = await context.client.get<Warehouse>(resources.warehouse, name, context.project);
    } catch (error) {
      if (isNotFound(error)) return `Warehouse ${JSON.stringify(name)} not found in namespace ${JSON.stringify(context.project)}`;
      throw error;
    }
    for (const subscription of warehouse.spec.subscriptions ?? []) {
      const repoURL = imageRepoURL(subscription);
      if (repoURL === undefined) continue;
      if (seen.has(repoURL)) {
        return `multiple requested Freight could potentially provide a container image from repository ${repoURL}`;
      }
      seen.add(repoURL);
    }
  }
  return undefined;
}

function imageRepoURL(subscription: Record<string, unknown>): string | undefined {
  const image = subscription.image;
  if (typeof image !== 'object' || image === null) return undefined;
  const repoURL = (image as Record<string, unknown>).repoURL;
  return typeof repoURL === 'string' ? repoURL : undefined;
}
