// A Kubernetes LabelSelector (matchLabels ANDed with matchExpressions) against
// an object's labels, as metav1.LabelSelectorAsSelector evaluates it.

export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export function labelsMatch(labels: Record<string, string>, matchLabels: Record<string, string>, expressions: readonly LabelRequirement[]): boolean {
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
  return expressions.every((requirement) => requirementHolds(labels, requirement));
}

function requirementHolds(labels: Record<string, string>, { key, operator, values = [] }: LabelRequirement): boolean {
  const present = Object.hasOwn(labels, key);
  switch (operator) {
    case 'In':
      return present && values.includes(labels[key] ?? '');
    case 'NotIn':
      return !present || !values.includes(labels[key] ?? '');
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      return false;
  }
}
