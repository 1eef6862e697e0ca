const typeNames: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

export function typeName(type: string): string {
  return typeNames[type] ?? type;
}

/** "a list, a string or a whole number" */
export function listOf(items: readonly string[], conjunction = 'or'): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} ${conjunction} ${unique[unique.length - 1]}`;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `\`${truncate(value)}\``;
  if (typeof value === 'boolean') return `\`${value}\``;
  return `the number ${value}`;
}

export function quote(value: unknown): string {
  return `\`${truncate(String(value))}\``;
}

function truncate(text: string): string {
  const oneLine = JSON.stringify(text).slice(1, -1);
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
