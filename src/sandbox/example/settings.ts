// What the example is made from: where its Git repository and images live,
// and the 127.0.0.1 port of each Stage's application. Kept in
// <state>/example/example.json so a second `--example` finds the same.

import type { StageName } from './stages.js';

export const PROJECT = 'my-web-app';
export const WAREHOUSE = 'my-web-app';
export const IMAGE_NAME = 'my-web-app';
export const ARGOCD_NAMESPACE = 'argocd';
/** The release the example starts with; the demo releases the next ones. */
export const FIRST_RELEASE = '1.4.0';

export interface ExampleSettings {
  /** file:// URL of the bare Git repository of Kustomize manifests. */
  repoURL: string;
  /** `127.0.0.1:<port>/my-web-app`. */
  imageRepo: string;
  registry: { username: string; password: string };
  /** Each Stage's application port on 127.0.0.1. */
  ports: Record<StageName, number>;
  /** Production's soak in both staging regions (a Go duration). */
  soak: string;
}
