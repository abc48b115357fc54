// The sandbox's OCI registry: see README.md.

export { type RegistryCredentials, REGISTRY_REALM } from './auth.js';
export { type PublishedImage, type PublishOptions, publishImage } from './publish.js';
export { type RegistryOptions, type RunningRegistry, startRegistry } from './server.js';
export { type ImageStore, imageStore, listTags, resolveTag } from './store.js';
