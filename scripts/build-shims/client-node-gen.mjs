// Build-time stand-in for @kubernetes/client-node's generated API (dist/gen/index.js)
// as imported by its KubeConfig module. KubeConfig only needs it for makeApiClient(),
// which kargo never calls (it speaks REST itself, src/kube/http-client.ts); the real
// module pulls every generated model into the bundle. See scripts/build.mjs.
const unused = (name) => () => {
  throw new Error(`${name} is not bundled with kargo: use src/kube/http-client.ts`);
};
export const createConfiguration = unused('createConfiguration');
export class ServerConfiguration {
  constructor() {
    unused('ServerConfiguration')();
  }
}
