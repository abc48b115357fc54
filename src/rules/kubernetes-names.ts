// Kubernetes naming rules, checked before any request so that a bad name is a
// usage error (exit 2) and never becomes a URL: an empty name would address the
// whole collection (`GET …/stages/` lists every Stage; `PATCH …/stages/` hits
// the collection).

/** RFC 1123 DNS label: namespaces, hence Kargo projects. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 DNS subdomain: the names of most objects (Stages, Warehouses, Promotions, Freight). */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A label value: what Kargo keeps a Freight alias in. */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export type NameRule = 'project' | 'object' | 'alias' | 'object-or-alias';

const RULES: Record<NameRule, { test: (name: string) => boolean; max: number; describe: string }> = {
  project: { test: (name) => DNS_LABEL.test(name), max: 63, describe: 'lowercase letters, digits and "-", starting and ending with a letter or digit' },
  object: {
    test: (name) => DNS_SUBDOMAIN.test(name),
    max: 253,
    describe: 'lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
  },
  alias: { test: (name) => LABEL_VALUE.test(name), max: 63, describe: 'letters, digits, "-", "_" and ".", starting and ending with a letter or digit' },
  'object-or-alias': {
    test: (name) => DNS_SUBDOMAIN.test(name) || LABEL_VALUE.test(name),
    max: 253,
    describe: 'a name (lowercase letters, digits, "-", ".") or an alias',
  },
};

/** Why `name` cannot be a Kubernetes name of this kind, or undefined when it can. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  const { test, max, describe } = RULES[rule];
  if (name === '') return 'must not be empty';
  if (name.length > max) return `is ${name.length} characters long; at most ${max} are allowed`;
  if (!test(name)) return `is not a valid name: use ${describe}`;
  return undefined;
}
