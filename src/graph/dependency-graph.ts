import { Graph } from '@dagrejs/graphlib';

export interface GraphNode {
  name: string;
  dependsOn: ReadonlyArray<{ name: string; condition?: string; required?: boolean }>;
}

export interface EdgeLabel {
  condition: string;
  required: boolean;
}

/** Nodes in declaration order; an edge runs from the dependency to its dependent. */
export function dependencyGraph(nodes: readonly GraphNode[]): Graph {
  const graph = new Graph({ directed: true });
  for (const node of nodes) graph.setNode(node.name);
  for (const node of nodes) {
    for (const dependency of node.dependsOn) {
      if (!graph.hasNode(dependency.name)) continue;
      const label: EdgeLabel = { condition: dependency.condition ?? 'started', required: dependency.required ?? true };
      graph.setEdge(dependency.name, node.name, label);
    }
  }
  return graph;
}

/** The services `name` depends on, in the order it lists them. */
export function dependenciesOf(graph: Graph, name: string): string[] {
  return (graph.inEdges(name) ?? []).map((edge) => edge.v);
}
