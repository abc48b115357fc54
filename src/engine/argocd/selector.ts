// An argocd step's `selector` as a Kubernetes label selector string.

export interface AppSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export function labelSelectorOf(selector: AppSelector): string {
  const terms = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    switch (expression.operator) {
      case 'In':
        terms.push(`${expression.key} in (${values})`);
        break;
      case 'NotIn':
        terms.push(`${expression.key} notin (${values})`);
        break;
      case 'Exists':
        terms.push(expression.key);
        break;
      case 'DoesNotExist':
        terms.push(`!${expression.key}`);
        break;
    }
  }
  return terms.join(',');
}
