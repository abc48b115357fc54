// Where Kargo keeps what is not a Project's own (its Helm chart's defaults,
// `global.sharedResources.namespace` and `global.systemResources.namespace`).

/** Credentials and ConfigMaps every Project may use (`--shared`). */
export const SHARED_RESOURCES_NAMESPACE = 'kargo-shared-resources';
/** Credentials and ConfigMaps for Kargo itself (`--system`). */
export const SYSTEM_RESOURCES_NAMESPACE = 'kargo-system-resources';
/** Where Kargo is installed: its API Service and Ingress live here. */
export const KARGO_NAMESPACE = 'kargo';
