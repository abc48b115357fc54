// Every built-in step this engine runs, in one registry.

import { StepRegistry, type RegisteredStep } from './registry.js';
import { argocdUpdateStep } from './steps/argocd-update.js';
import { argocdWaitStep } from './steps/argocd-wait.js';
import { composeOutputStep } from './steps/compose-output.js';
import { copyStep } from './steps/copy.js';
import { deleteStep } from './steps/delete.js';
import { failStep } from './steps/fail.js';
import { fileWriteStep } from './steps/file-write.js';
import { gitClearStep } from './steps/git-clear.js';
import { gitCloneStep } from './steps/git-clone.js';
import { gitCommitStep } from './steps/git-commit.js';
import { gitMergePrStep } from './steps/git-merge-pr.js';
import { gitOpenPrStep } from './steps/git-open-pr.js';
import { gitPushStep } from './steps/git-push.js';
import { gitTagStep } from './steps/git-tag.js';
import { gitWaitForPrStep } from './steps/git-wait-for-pr.js';
import { githubPushStep } from './steps/github-push.js';
import { helmTemplateStep } from './steps/helm-template.js';
import { helmUpdateChartStep } from './steps/helm-update-chart.js';
import { httpDownloadStep } from './steps/http-download.js';
import { httpStep } from './steps/http.js';
import { jsonParseStep } from './steps/json-parse.js';
import { jsonUpdateStep } from './steps/json-update.js';
import { kustomizeBuildStep } from './steps/kustomize-build.js';
import { kustomizeSetImageStep } from './steps/kustomize-set-image.js';
import { ociDownloadStep } from './steps/oci-download.js';
import { ociPushStep } from './steps/oci-push.js';
import { setFreightAliasStep } from './steps/set-freight-alias.js';
import { setMetadataStep } from './steps/set-metadata.js';
import { tomlParseStep } from './steps/toml-parse.js';
import { tomlUpdateStep } from './steps/toml-update.js';
import { untarStep } from './steps/untar.js';
import { yamlMergeStep } from './steps/yaml-merge.js';
import { yamlParseStep } from './steps/yaml-parse.js';
import { yamlUpdateStep } from './steps/yaml-update.js';

export const BUILTIN_STEPS: readonly RegisteredStep[] = [
  argocdUpdateStep,
  argocdWaitStep,
  composeOutputStep,
  copyStep,
  deleteStep,
  failStep,
  fileWriteStep,
  gitClearStep,
  gitCloneStep,
  gitCommitStep,
  gitMergePrStep,
  gitOpenPrStep,
  gitPushStep,
  gitTagStep,
  gitWaitForPrStep,
  githubPushStep,
  helmTemplateStep,
  helmUpdateChartStep,
  httpDownloadStep,
  httpStep,
  jsonParseStep,
  jsonUpdateStep,
  kustomizeBuildStep,
  kustomizeSetImageStep,
  ociDownloadStep,
  ociPushStep,
  setFreightAliasStep,
  setMetadataStep,
  tomlParseStep,
  tomlUpdateStep,
  untarStep,
  yamlMergeStep,
  yamlParseStep,
  yamlUpdateStep,
];

export function builtinStepRegistry(): StepRegistry {
  return new StepRegistry(BUILTIN_STEPS);
}
