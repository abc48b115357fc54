// Which Freight a table names (and shows by alias): a Stage's current Freight, a
// Promotion's, a Warehouse's last. The table builders read the same fields.

import { resources, type ResourceType } from '../../kube/resources.js';
import type { KubeObject, Promotion, Stage, Warehouse } from '../../model/kargo.js';

export function freightNamedIn(type: ResourceType, items: KubeObject[]): Set<string> {
  const names = new Set<string>();
  for (const item of items) {
    if (type === resources.stage) {
      for (const reference of Object.values((item as Stage).status?.freightHistory?.[0]?.items ?? {})) names.add(reference.name);
    } else if (type === resources.promotion) {
      const freight = (item as Promotion).spec.freight;
      if (freight) names.add(freight);
    } else if (type === resources.warehouse) {
      const last = (item as Warehouse).status?.lastFreightID;
      if (last) names.add(last);
    }
  }
  return names;
}
