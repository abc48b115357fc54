// File-system failures worded as Go prints them (`lstat <path>: no such file
// or directory`), naming the config's relative path, never the host's.

const GO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EEXIST: 'file exists',
  ENOTEMPTY: 'directory not empty',
};

export function goFsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && GO_REASONS[code]) return GO_REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

export function isNotExist(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** `<op> <path>: <reason>`, Go's *PathError text. */
export function pathError(op: string, path: string, error: unknown): string {
  return `${op} ${path}: ${goFsReason(error)}`;
}
