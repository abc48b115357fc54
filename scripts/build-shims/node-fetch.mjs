// Build-time stand-in for node-fetch as imported by @kubernetes/client-node's
// KubeConfig module, which only uses its Headers class (in applyToFetchOptions,
// which kargo does not call). Node 20's own Headers serves; the real package
// drags in a 250 KB Unicode table through whatwg-url. See scripts/build.mjs.
export const Headers = globalThis.Headers;
export default globalThis.fetch;
