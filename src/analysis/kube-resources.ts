// The API resources the analysis layer reads and writes.

import { resources, type ResourceType } from '../kube/resources.js';

export const ANALYSIS_RUNS: ResourceType = resources.analysisRun;
