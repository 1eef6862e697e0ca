import { diagnostic, formatPath, type Diagnostic } from '../diagnostics/diagnostic.js';

/** Bounds that keep a hostile file from exhausting memory. */
export const limits = {
  maxBytes: 4 * 1024 * 1024,
  /** Values once aliases are expanded: more than 4 MiB of text can spell out without any alias. */
  maxExpandedValues: 2_500_000,
  /** Mappings and lists inside one another, aliases expanded. */
  maxDepth: 100,
  /** Entries of one mapping or list (services included). */
  maxEntries: 10_000,
};

export function tooDeepMessage(): string {
  return `spec is nested more than ${limits.maxDepth} levels deep`;
}

/** Depth (aliases expanded) and entries per mapping or list, checked without recursion before anything else walks the data. */
export function boundsError(data: unknown): Diagnostic | undefined {
  // The shallowest depth at which each object was walked; shared (aliased) objects are walked again only deeper.
  const walkedAt = new Map<object, number>();
  interface Step {
    value: unknown;
    depth: number;
    key?: string | number;
    parent?: Step;
  }
  const pending: Step[] = [{ value: data, depth: 0 }];
  while (pending.length > 0) {
    const step = pending.pop()!;
    const { value, depth } = step;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.maxDepth) return diagnostic('E003', tooDeepMessage(), { path: pathOf(step) });
    if ((walkedAt.get(value) ?? -1) >= depth) continue;
    walkedAt.set(value, depth);
    const entries = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (entries > limits.maxEntries) {
      return diagnostic('E003', `\`${formatPath(pathOf(step)) || 'the spec'}\` has more than ${limits.maxEntries} entries`, { path: pathOf(step) });
    }
    // only objects are walked on: a step for every scalar would cost more than the walk itself
    const children: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((child, index) => [index, child]) : Object.entries(value);
    for (const [key, child] of children) if (isObject(child)) pending.push({ value: child, depth: depth + 1, key, parent: step });
  }
  return undefined;

  function pathOf(step: Step): Array<string | number> {
    const path: Array<string | number> = [];
    for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
