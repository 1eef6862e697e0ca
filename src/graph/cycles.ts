import { alg, type Graph } from '@dagrejs/graphlib';
import { dependenciesOf } from './dependency-graph.js';

/**
 * Every dependency cycle, each as a path that follows `depends_on` from its earliest-declared
 * service back to itself: ['alpha', 'gamma', 'beta', 'alpha'].
 */
export function findCycles(graph: Graph, order: readonly string[]): string[][] {
  const rank = new Map(order.map((name, index) => [name, index]));
  const byRank = (a: string, b: string) => rank.get(a)! - rank.get(b)!;
  return alg
    .findCycles(graph)
    .map((component) => cyclePath(graph, [...component].sort(byRank)))
    .sort((a, b) => byRank(a[0]!, b[0]!));
}

function cyclePath(graph: Graph, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const path = [start];
  const visited = new Set<string>();
  const walk = (name: string): boolean => {
    for (const next of dependenciesOf(graph, name)) {
      if (!members.has(next)) continue;
      if (next === start) return path.push(start) > 0;
      if (visited.has(next)) continue;
      visited.add(next);
      path.push(next);
      if (walk(next)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return path;
}
