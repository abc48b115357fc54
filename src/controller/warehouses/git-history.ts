// What the commit selectors read from a discovery clone, in Kargo's formats
// (pkg/controller/git/work_tree.go): first-parent log lines, tags sorted by
// creator date (newest first) with annotated tags peeled to their commits,
// and the paths a commit touched (`--no-renames`, so a move shows both sides).

import type { DiscoveryClone } from './git-client.js';

export interface CommitMetadata {
  id: string;
  commitDate: Date;
  author: string;
  committer: string;
  subject: string;
}

export interface TagMetadata {
  tag: string;
  commitID: string;
  subject: string;
  author: string;
  committer: string;
  creatorDate: Date;
  tagger: string;
  annotation: string;
}

export interface ListCommitsOptions {
  limit: number;
  skip: number;
  since?: Date;
}

/** `git log --first-parent` of HEAD; ids, ISO dates, `Name <email>`s and subjects. */
export async function listCommits(clone: DiscoveryClone, options: ListCommitsOptions): Promise<CommitMetadata[]> {
  const args = ['log', '--first-parent', '--pretty=format:%H%x09%ci%x09%an <%ae>%x09%cn <%ce>%x09%s'];
  if (options.limit > 0) args.push(`--max-count=${options.limit}`);
  if (options.skip > 0) args.push(`--skip=${options.skip}`);
  if (options.since) args.push(`--since=${options.since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
  const output = await clone.run(args);
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [id = '', date = '', author = '', committer = '', ...subject] = line.split('\t');
      return { id, commitDate: parseGitDate(date), author, committer, subject: subject.join('\t') };
    });
}

const SEP = '|*|';
const ANNOTATED = [
  '%(refname:short)',
  '%(*objectname)',
  '%(*contents:subject)',
  '%(*authorname) %(*authoremail)',
  '%(*committername) %(*committeremail)',
  '%(creatordate:iso8601)',
  '%(taggername) %(taggeremail)',
  '%(contents:subject)',
].join(SEP);
const LIGHTWEIGHT = [
  '%(refname:short)',
  '%(objectname)',
  '%(contents:subject)',
  '%(authorname) %(authoremail)',
  '%(committername) %(committeremail)',
  '%(creatordate:iso8601)',
].join(SEP);

/** Fetches every tag, then lists them newest (creator date) first. */
export async function listTags(clone: DiscoveryClone): Promise<TagMetadata[]> {
  await clone.run(['fetch', 'origin', '--tags']);
  const output = await clone.run([
    'for-each-ref',
    '--sort=-creatordate',
    `--format=%(if)%(*objectname)%(then)${ANNOTATED}%(else)${LIGHTWEIGHT}%(end)`,
    'refs/tags',
  ]);
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [tag = '', commitID = '', subject = '', author = '', committer = '', date = '', tagger = '', annotation = ''] = line.split(SEP);
      return { tag, commitID, subject, author, committer, creatorDate: parseGitDate(date), tagger, annotation };
    });
}

export async function diffPaths(clone: DiscoveryClone, commitID: string): Promise<string[]> {
  const output = await clone.run(['show', '--pretty=', '--name-status', '--no-renames', '--first-parent', commitID]);
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(line.indexOf('\t') + 1));
}

/** git's `2006-01-02 15:04:05 -0700`. */
function parseGitDate(text: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text.trim());
  if (!match) return new Date(Number.NaN);
  return new Date(`${match[1]}T${match[2]}${match[3]}:${match[4]}`);
}
