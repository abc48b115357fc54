// CustomResourceDefinition → served resources (one per served version).

import { STANDARD_VERBS } from './builtin-resources.js';
import type { PrinterColumn, ServedResource } from './registry.js';
import type { StatusCause } from './status.js';
import { isJsonObject, type JsonObject, type StoredObject } from './types.js';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Problems that make a CRD unservable; empty when it is acceptable. */
export function validateCrd(crd: StoredObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  const group = text(spec.group);
  const plural = text(names.plural);
  if (!group) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.group' });
  if (!plural) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.names.plural' });
  if (!text(names.kind)) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.names.kind' });
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(spec.scope ?? '')}: supported values: "Cluster", "Namespaced"`,
      field: 'spec.scope',
    });
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: must have at least one version', field: 'spec.versions' });
  }
  if (group && plural && crd.metadata.name !== `${plural}.${group}`) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${crd.metadata.name}": must be spec.names.plural+"."+spec.group`,
      field: 'metadata.name',
    });
  }
  return causes;
}

function printerColumns(version: JsonObject): PrinterColumn[] {
  const columns = Array.isArray(version.additionalPrinterColumns) ? version.additionalPrinterColumns : [];
  return columns.filter(isJsonObject).map((column) => {
    const printer: PrinterColumn = { name: String(column.name ?? ''), type: String(column.type ?? 'string'), jsonPath: String(column.jsonPath ?? '') };
    if (typeof column.description === 'string') printer.description = column.description;
    if (typeof column.priority === 'number') printer.priority = column.priority;
    if (typeof column.format === 'string') printer.format = column.format;
    return printer;
  });
}

export function resourcesOfCrd(crd: StoredObject): ServedResource[] {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  const kind = String(names.kind ?? '');
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  return versions
    .filter((version) => version.served !== false)
    .map((version) => {
      const subresources = isJsonObject(version.subresources) ? version.subresources : {};
      const validation = isJsonObject(version.schema) ? version.schema : {};
      const resource: ServedResource = {
        group: String(spec.group ?? ''),
        version: String(version.name ?? ''),
        kind,
        listKind: text(names.listKind) ?? `${kind}List`,
        plural: String(names.plural ?? ''),
        singular: text(names.singular) ?? kind.toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        shortNames: strings(names.shortNames),
        categories: strings(names.categories),
        hasStatus: subresources.status !== undefined,
        verbs: STANDARD_VERBS,
        printerColumns: printerColumns(version),
        fromCrd: true,
      };
      if (isJsonObject(validation.openAPIV3Schema)) resource.schema = { openAPIV3Schema: validation.openAPIV3Schema };
      return resource;
    });
}

/** What an accepted CRD reports in status. */
export function establishedStatus(crd: StoredObject, now: string): JsonObject {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  const storage = versions.find((version) => version.storage === true) ?? versions[0];
  const condition = (type: string, reason: string, message: string) => ({ type, status: 'True', lastTransitionTime: now, reason, message });
  return {
    acceptedNames: names,
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    storedVersions: storage ? [String(storage.name)] : [],
  };
}
