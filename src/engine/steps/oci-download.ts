// oci-download: needs an OCI registry client; config checked, then refused.

import { boolean, nonEmptyString, object } from '../config-schema.js';
import { unsupportedStep } from './unsupported.js';

export const OCI_REFERENCE = '^(oci://)?[a-zA-Z0-9._-]+(:\\d+)?(/[a-zA-Z0-9._-]+)*';

export const ociDownloadStep = unsupportedStep(
  'oci-download',
  object(
    {
      imageRef: nonEmptyString({ pattern: `${OCI_REFERENCE}[@:][a-zA-Z0-9._:-]+$` }),
      outPath: nonEmptyString(),
      allowOverwrite: boolean(),
      mediaType: nonEmptyString(),
      insecureSkipTLSVerify: boolean(),
    },
    { required: ['imageRef', 'outPath'] },
  ),
  'an OCI registry client',
);
