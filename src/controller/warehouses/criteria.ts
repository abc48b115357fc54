// Kargo's freightCreationCriteriaSatisfied: an optional expr-lang expression
// over the newest discovered artifacts through commitFrom(repoURL),
// imageFrom(repoURL) and chartFrom(repoURL[, name]); true when there is no
// expression or nothing was discovered; a non-boolean result is read as Go's
// strconv.ParseBool reads its `%v`.

import { normalizeGitURL } from '../../engine/git/urls.js';
import { compileExpression, evaluateExpression, GoStruct } from '../../engine/expressions/core/index.js';
import { formatValue } from '../../engine/expressions/core/index.js';
import { normalizeChartURL } from './credentials.js';
import { normalizeImageURL } from './image-reference.js';
import type { DiscoveredArtifacts, DiscoveredCommit, DiscoveredImageReference } from './types.js';

function stringArg(args: unknown[], index: number, ordinal: string): string {
  const value = args[index];
  if (typeof value !== 'string') throw new Error(`${ordinal} argument must be string, got ${value === null || value === undefined ? '<nil>' : typeof value}`);
  return value;
}

function commitStruct(c: DiscoveredCommit): GoStruct {
  const members = {
    ID: c.id ?? '',
    Branch: c.branch ?? '',
    Tag: c.tag ?? '',
    Subject: c.subject ?? '',
    Author: c.author ?? '',
    Committer: c.committer ?? '',
    CreatorDate: c.creatorDate,
  };
  return new GoStruct('v1alpha1.DiscoveredCommit', members, () => c);
}

function imageStruct(i: DiscoveredImageReference): GoStruct {
  return new GoStruct(
    'v1alpha1.DiscoveredImageReference',
    { Tag: i.tag, Digest: i.digest, Annotations: { ...i.annotations }, CreatedAt: i.createdAt },
    () => i,
  );
}

function functionsFor(artifacts: DiscoveredArtifacts): Record<string, (...args: unknown[]) => unknown> {
  return {
    commitFrom: (...args) => {
      if (args.length !== 1) throw new Error(`expected 1 argument, got ${args.length}`);
      const url = normalizeGitURL(stringArg(args, 0, 'first'));
      const found = (artifacts.git ?? []).find((r) => normalizeGitURL(r.repoURL) === url && r.commits.length > 0);
      return found?.commits[0] ? commitStruct(found.commits[0]) : null;
    },
    imageFrom: (...args) => {
      if (args.length !== 1) throw new Error(`expected 1 argument, got ${args.length}`);
      const url = normalizeImageURL(stringArg(args, 0, 'first'));
      const found = (artifacts.images ?? []).find((r) => normalizeImageURL(r.repoURL) === url && r.references.length > 0);
      return found?.references[0] ? imageStruct(found.references[0]) : null;
    },
    chartFrom: (...args) => {
      if (args.length === 0 || args.length > 2) throw new Error(`expected 1-2 arguments, got ${args.length}`);
      const url = normalizeChartURL(stringArg(args, 0, 'first'));
      const name = args.length === 2 ? stringArg(args, 1, 'second') : '';
      const found = (artifacts.charts ?? []).find((r) => normalizeChartURL(r.repoURL) === url && (name === '' || r.name === name) && r.versions.length > 0);
      if (!found) return null;
      const fields = { RepoURL: url, Name: found.name ?? '', Version: found.versions[0] ?? '' };
      return new GoStruct('v1alpha1.Chart', fields, () => ({ repoURL: url, name: found.name, version: found.versions[0] }));
    },
  };
}

export function criteriaSatisfied(expression: string | undefined, artifacts: DiscoveredArtifacts | undefined): boolean {
  const source = (expression ?? '').trim();
  if (!source) return true;
  if (!artifacts || ((artifacts.git ?? []).length === 0 && (artifacts.images ?? []).length === 0 && (artifacts.charts ?? []).length === 0)) return true;
  try {
    compileExpression(source);
  } catch (error) {
    throw new Error(`error compiling expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  let result: unknown;
  try {
    result = evaluateExpression(source, functionsFor(artifacts));
  } catch (error) {
    throw new Error(`error running expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof result === 'boolean') return result;
  const text = formatValue(result);
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw new Error(`failed to parse freight creation criteria expression result "${text}" as bool: strconv.ParseBool: parsing "${text}": invalid syntax`);
}
