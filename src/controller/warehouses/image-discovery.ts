// Kargo's image subscriber (pkg/subscription/image.go): credentials, the
// selector for the strategy, and the result as it lands in discoveredArtifacts.

import type { BasicCredentials } from './credentials.js';
import { parseImageRepository } from './image-reference.js';
import { RegistryClient } from './registry-client.js';
import { selectImages } from './image-selection.js';
import type { ImageDiscoveryResult, ImageSubscription } from './types.js';

export async function discoverImages(sub: ImageSubscription, credentials: BasicCredentials | undefined, signal?: AbortSignal): Promise<ImageDiscoveryResult> {
  let client: RegistryClient;
  try {
    client = new RegistryClient(parseImageRepository(sub.repoURL), credentials, {
      ...(sub.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw new Error(`error obtaining selector for image "${sub.repoURL}": ${error instanceof Error ? error.message : String(error)}`);
  }
  let references: ImageDiscoveryResult['references'];
  try {
    references = await selectImages(sub, client);
  } catch (error) {
    throw new Error(`error discovering newest applicable images "${sub.repoURL}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { repoURL: sub.repoURL, ...(sub.platform ? { platform: sub.platform } : {}), references };
}
