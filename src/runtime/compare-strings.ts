// Go's strings.Compare: UTF-16 code-unit order, which for the ASCII of names,
// labels and RFC 3339 timestamps is the byte order etcd lists keys in and Kargo
// sorts by. Not localeCompare: the locale's collation puts "a" before "B" and
// "a_b" before "a-b", and its first call loads ICU's collation data (7 ms at start-up).

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
