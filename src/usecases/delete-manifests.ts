// `kargo delete -f` as Kargo's resource API does it: every object of the
// manifests deleted by kind, namespace and name (Projects last), each failure
// reported without stopping the others. Freight a Stage still holds is refused
// up front, as Kargo's webhook would, before anything is deleted.

import type { KubeClient } from '../kube/client.js';
import type { KubeObject } from '../model/kargo.js';
import { refuseFreightInUse } from './freight-deletion.js';
import type { ManifestObject } from './manifest-plan.js';
import { isRefusal } from './write-manifests.js';

export interface DeleteReport {
  deleted: { planned: ManifestObject; object: KubeObject }[];
  failed: { planned: ManifestObject; error: unknown }[];
}

export async function deleteManifests(client: KubeClient, planned: ManifestObject[]): Promise<DeleteReport> {
  const freight = planned.filter((object) => object.type.kind === 'Freight' && object.namespace);
  if (freight.length > 0)
    await refuseFreightInUse(
      client,
      freight.map((object) => ({ project: object.namespace ?? '', name: object.name })),
    );
  const report: DeleteReport = { deleted: [], failed: [] };
  for (const object of planned) {
    try {
      await client.delete(object.type, object.name, object.namespace);
      report.deleted.push({ planned: object, object: object.object });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      report.failed.push({ planned: object, error });
    }
  }
  return report;
}
