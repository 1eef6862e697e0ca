import type { Graph } from '@dagrejs/graphlib';
import { dependenciesOf, type EdgeLabel } from './dependency-graph.js';

export interface PlanEdge {
  /** The dependency. */
  from: string;
  /** The dependent. */
  to: string;
  condition: string;
  required: boolean;
}

export interface StartupPlan {
  /** Wave 1 first; a service's wave is 1 + the highest wave of its dependencies. */
  waves: string[][];
  /** The reverse of the waves: dependents stop before what they depend on. */
  shutdown: string[][];
  /** The longest dependency chain, first to last. */
  criticalPath: string[];
  edges: PlanEdge[];
  waveOf: ReadonlyMap<string, number>;
}

/** Waves, shutdown order and critical path of an acyclic graph; declaration order breaks ties. */
export function startupPlan(graph: Graph, order: readonly string[]): StartupPlan {
  const waveOf = new Map<string, number>();
  // without recursion: a dependency chain may be thousands of services long
  const inProgress = new Set<string>();
  const waveFor = (root: string): void => {
    const pending = [root];
    while (pending.length > 0) {
      const name = pending[pending.length - 1]!;
      if (waveOf.has(name)) {
        pending.pop();
        continue;
      }
      inProgress.add(name);
      const dependencies = dependenciesOf(graph, name);
      const unknown = dependencies.filter((d) => !waveOf.has(d) && !inProgress.has(d));
      if (unknown.length > 0) {
        for (const d of unknown) pending.push(d);
        continue;
      }
      waveOf.set(name, 1 + dependencies.reduce((highest, d) => Math.max(highest, waveOf.get(d) ?? 0), 0));
      pending.pop();
    }
  };
  order.forEach(waveFor);
  const waves: string[][] = [];
  for (const name of order) (waves[waveOf.get(name)! - 1] ??= []).push(name);
  return {
    waves,
    shutdown: [...waves].reverse(),
    criticalPath: criticalPath(graph, order, waveOf),
    edges: edges(graph, order),
    waveOf,
  };
}

function criticalPath(graph: Graph, order: readonly string[], waveOf: ReadonlyMap<string, number>): string[] {
  if (order.length === 0) return [];
  let last = order[0]!;
  for (const name of order) if (waveOf.get(name)! > waveOf.get(last)!) last = name;
  const rank = new Map(order.map((name, index) => [name, index]));
  // built from the last service back, then reversed: a chain may be thousands of services long
  const chain = [last];
  let current = last;
  while (waveOf.get(current)! > 1) {
    const previous = dependenciesOf(graph, current)
      .filter((name) => waveOf.get(name) === waveOf.get(current)! - 1)
      .sort((a, b) => rank.get(a)! - rank.get(b)!)[0]!;
    chain.push(previous);
    current = previous;
  }
  return chain.reverse();
}

function edges(graph: Graph, order: readonly string[]): PlanEdge[] {
  return order.flatMap((name) =>
    (graph.inEdges(name) ?? []).map((edge) => {
      const label = graph.edge(edge) as EdgeLabel;
      return { from: edge.v, to: edge.w, condition: label.condition, required: label.required };
    }),
  );
}
