// Kargo's freight functions (pkg/expressions/function/functions.go):
// warehouse(), commitFrom(), imageFrom(), chartFrom(), artifactFrom().

import { GoStruct, goTypeName } from '../core/index.js';
import type { FreightOrigin } from '../../../model/kargo.js';
import { expectCount, expectRange, expectString } from './args.js';
import { freightFrom, originProviding, type FinderData } from './freight-finder.js';
import { normalizeGitURL } from './git-url.js';
import { artifactStruct, chartStruct, commitStruct, FREIGHT_ORIGIN_TYPE, freightOriginStruct, imageStruct } from './structs.js';

export function warehouse(...args: unknown[]): GoStruct {
  expectCount(args, 1);
  const name = expectString(args[0], 'argument');
  if (name === '') throw new Error('name must not be empty');
  return freightOriginStruct('Warehouse', name);
}

function originArg(value: unknown, label: string): FreightOrigin {
  if (!(value instanceof GoStruct) || value.goType !== FREIGHT_ORIGIN_TYPE) {
    throw new Error(`${label} must be FreightOrigin, got ${goTypeName(value)}`);
  }
  return { kind: String(value.members['Kind']), name: String(value.members['Name']) };
}

export function commitFromFreight(data: FinderData) {
  return (...args: unknown[]): GoStruct | null => {
    expectRange(args, 1, 2);
    const repoURL = normalizeGitURL(expectString(args[0], 'first argument'));
    const origin =
      args.length === 2
        ? originArg(args[1], 'second argument')
        : originProviding(
            data,
            (sub) => sub.type === 'git' && normalizeGitURL(String(sub.spec['repoURL'] ?? '')) === repoURL,
            () => `multiple requested Freight could potentially provide a commit from repo ${repoURL}; please update promotion steps to disambiguate`,
          );
    if (!origin) return null;
    for (const ref of freightFrom(data, origin)) {
      const commit = ref.commits?.find((candidate) => normalizeGitURL(candidate.repoURL ?? '') === repoURL);
      if (commit) return commitStruct(commit);
    }
    return null;
  };
}

export function imageFromFreight(data: FinderData) {
  return (...args: unknown[]): GoStruct | null => {
    expectRange(args, 1, 2);
    const repoURL = expectString(args[0], 'first argument');
    const origin =
      args.length === 2
        ? originArg(args[1], 'second argument')
        : originProviding(
            data,
            (sub) => sub.type === 'image' && sub.spec['repoURL'] === repoURL,
            () =>
              `multiple requested Freight could potentially provide a container image from repository ${repoURL}: please provide a Freight origin to disambiguate`,
          );
    if (!origin) return null;
    for (const ref of freightFrom(data, origin)) {
      const image = ref.images?.find((candidate) => candidate.repoURL === repoURL);
      if (image) return imageStruct(image);
    }
    return null;
  };
}

export function chartFromFreight(data: FinderData) {
  return (...args: unknown[]): GoStruct | null => {
    expectRange(args, 1, 3);
    const repoURL = expectString(args[0], 'first argument');
    let chartName = '';
    let origin: FreightOrigin | undefined;
    if (args.length >= 2) {
      if (typeof args[1] === 'string') chartName = args[1];
      else if (args[1] instanceof GoStruct && args[1].goType === FREIGHT_ORIGIN_TYPE) origin = originArg(args[1], 'second argument');
      else throw new Error(`second argument must be string or FreightOrigin, got ${goTypeName(args[1])}`);
    }
    if (args.length === 3) {
      if (chartName === '') throw new Error(`when using three arguments, second argument must be string, got ${goTypeName(args[1])}`);
      origin = originArg(args[2], 'third argument');
    }
    if (!origin) {
      origin = originProviding(
        data,
        (sub) => sub.type === 'chart' && sub.spec['repoURL'] === repoURL && (sub.spec['name'] ?? '') === chartName,
        () => `multiple requested Freight could potentially provide a chart from repository ${repoURL}: please provide a Freight origin to disambiguate`,
      );
      if (!origin) {
        throw new Error(
          chartName === ''
            ? `chart from repo ${repoURL} not found in referenced Freight`
            : `chart ${JSON.stringify(chartName)} from repo ${repoURL} not found in referenced Freight`,
        );
      }
    }
    for (const ref of freightFrom(data, origin)) {
      const chart = ref.charts?.find((candidate) => candidate.repoURL === repoURL && (candidate.name ?? '') === chartName);
      if (chart) return chartStruct(chart);
    }
    return null;
  };
}

export function artifactFromFreight(data: FinderData) {
  return (...args: unknown[]): GoStruct | null => {
    expectRange(args, 1, 2);
    const subscription = expectString(args[0], 'first argument');
    const origin =
      args.length === 2
        ? originArg(args[1], 'second argument')
        : originProviding(
            data,
            (sub) => !['git', 'image', 'chart'].includes(sub.type) && sub.spec['name'] === subscription,
            () =>
              `error finding artifact from subscription ${subscription}: multiple requested Freight could potentially provide a ${JSON.stringify(subscription)} artifact; please update promotion steps to disambiguate`,
          );
    if (!origin) return null;
    for (const ref of freightFrom(data, origin)) {
      const artifact = ref.artifacts?.find((candidate) => candidate.subscriptionName === subscription);
      if (artifact) return artifactStruct(artifact);
    }
    return null;
  };
}
