import type { Graph } from '@dagrejs/graphlib';
import { dependenciesOf } from './dependency-graph.js';

/**
 * Every dependency cycle, each as a path that follows `depends_on` from its earliest-declared
 * service back to itself: ['alpha', 'gamma', 'beta', 'alpha'].
 */
export function findCycles(graph: Graph, order: readonly string[]): string[][] {
  const rank = new Map(order.map((name, index) => [name, index]));
  const byRank = (a: string, b: string) => rank.get(a)! - rank.get(b)!;
  return stronglyConnected(graph)
    .filter((component) => component.length > 1 || graph.hasEdge(component[0]!, component[0]!))
    .map((component) => cyclePath(graph, [...component].sort(byRank)))
    .sort((a, b) => byRank(a[0]!, b[0]!));
}

function cyclePath(graph: Graph, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const path = [start];
  const visited = new Set<string>();
  // depth first without recursion: a cycle may run through thousands of services
  const frames = [{ next: dependenciesOf(graph, start), at: 0 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.at >= frame.next.length) {
      frames.pop();
      if (frames.length > 0) path.pop();
      continue;
    }
    const next = frame.next[frame.at++]!;
    if (!members.has(next)) continue;
    if (next === start) return [...path, start];
    if (visited.has(next)) continue;
    visited.add(next);
    path.push(next);
    frames.push({ next: dependenciesOf(graph, next), at: 0 });
  }
  return path;
}

/** Tarjan's strongly connected components, without recursion (graphlib's recursion overflows on long chains). */
function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const root of graph.nodes()) {
    if (index.has(root)) continue;
    const frames: Array<{ name: string; next: string[]; at: number }> = [];
    const enter = (name: string) => {
      index.set(name, index.size);
      low.set(name, index.get(name)!);
      stack.push(name);
      onStack.add(name);
      frames.push({ name, next: graph.successors(name) ?? [], at: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.at < frame.next.length) {
        const next = frame.next[frame.at++]!;
        if (!index.has(next)) enter(next);
        else if (onStack.has(next)) low.set(frame.name, Math.min(low.get(frame.name)!, index.get(next)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.name, Math.min(low.get(parent.name)!, low.get(frame.name)!));
      if (low.get(frame.name) !== index.get(frame.name)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.name);
      components.push(component);
    }
  }
  return components;
}
