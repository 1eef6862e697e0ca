import dagre from '@dagrejs/dagre';
import type { StartupPlan } from '../../graph/plan.js';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode extends Point {
  name: string;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  points: Point[];
  label: Point;
}

export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const nodeHeight = 36;
export const charWidth = 7.2;
const edgeLabelHeight = 14;

/**
 * dagre's longest-path ranker puts a node one rank past the furthest node its edges lead to. Laid out
 * from each dependent to its dependencies, a service's rank is its wave; drawn right to left, wave 1
 * is the left column. The edges' points are reversed so each arrow runs dependency → dependent.
 */
export function layoutPlan(plan: StartupPlan): Layout {
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({ rankdir: 'RL', ranker: 'longest-path', nodesep: 18, ranksep: 48, marginx: 12, marginy: 12 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const name of plan.waves.flat()) graph.setNode(name, { width: nodeWidth(name), height: nodeHeight });
  for (const edge of plan.edges) {
    graph.setEdge(edge.to, edge.from, { width: edge.condition.length * charWidth * 0.85, height: edgeLabelHeight, labelpos: 'c' });
  }
  dagre.layout(graph);
  const size = graph.graph();
  return {
    width: size.width ?? 0,
    height: size.height ?? 0,
    nodes: plan.waves.flat().map((name) => placedNode(name, graph.node(name))),
    edges: plan.edges.map((edge) => placedEdge(edge.from, edge.to, graph.edge(edge.to, edge.from))),
  };
}

export function nodeWidth(name: string): number {
  return Math.max(72, name.length * charWidth + 24);
}

function placedNode(name: string, label: { x?: number; y?: number; width: number; height: number }): PlacedNode {
  return { name, x: label.x ?? 0, y: label.y ?? 0, width: label.width, height: label.height };
}

function placedEdge(from: string, to: string, label: { points?: Point[]; x?: number; y?: number }): PlacedEdge {
  const points = [...(label.points ?? [])].reverse();
  return { from, to, points, label: { x: label.x ?? 0, y: label.y ?? 0 } };
}
