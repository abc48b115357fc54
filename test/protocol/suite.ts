// The API-server protocol suite. It speaks only HTTP through a kubeconfig, creates
// everything it needs (its own CRD, namespaces, RBAC objects) through the API,
// and so runs unchanged against the embedded server and a real kube-apiserver.
//
//   defineProtocolSuite(() => target)   // call inside a test file; target ready by beforeAll

import { describe } from 'vitest';
import { createSuiteContext } from './context.js';
import { defineCrudTests } from './crud.js';
import { defineKubectlTests } from './kubectl.js';
import { definePatchTests } from './patch.js';
import { defineRbacTests } from './rbac.js';
import { defineRequestTests } from './requests.js';
import type { ProtocolTarget } from './target.js';
import { defineValidationTests } from './validation.js';
import { defineWatchTests } from './watch.js';

export type { ProtocolTarget } from './target.js';

export function defineProtocolSuite(getTarget: () => ProtocolTarget): void {
  describe('Kubernetes API protocol', () => {
    const suite = createSuiteContext(getTarget);
    defineRequestTests(suite);
    defineCrudTests(suite);
    definePatchTests(suite);
    defineWatchTests(suite);
    defineValidationTests(suite);
    defineRbacTests(suite);
    defineKubectlTests(suite);
  });
}
