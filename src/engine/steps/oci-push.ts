// oci-push: needs an OCI registry client; config checked, then refused.

import { anyObject, boolean, nonEmptyString, object, string } from '../config-schema.js';
import { OCI_REFERENCE } from './oci-download.js';
import { unsupportedStep } from './unsupported.js';

export const ociPushStep = unsupportedStep(
  'oci-push',
  object(
    {
      srcRef: nonEmptyString({ pattern: `${OCI_REFERENCE}[@:][a-zA-Z0-9._:-]+$` }),
      destRef: nonEmptyString({ pattern: `${OCI_REFERENCE}[:][a-zA-Z0-9._-]+$` }),
      annotations: anyObject({ values: string() }),
      insecureSkipTLSVerify: boolean(),
    },
    { required: ['srcRef', 'destRef'] },
  ),
  'an OCI registry client',
);
