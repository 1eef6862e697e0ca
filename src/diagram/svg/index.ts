import type { Model } from '../../model/types.js';
import type { PlanEdge, StartupPlan } from '../../graph/plan.js';
import { coordinate as c, xmlText } from './escape.js';
import { layoutPlan, type PlacedEdge, type PlacedNode } from './layout.js';

const style = [
  'text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}',
  '.node rect{fill:#e8f1fb;stroke:#2563eb;stroke-width:1.5}',
  '.node.optional rect{fill:#f5f5f5;stroke:#6b7280;stroke-dasharray:5 3}',
  '.edge path{fill:none;stroke:#374151;stroke-width:1.2}',
  '.edge.not-required path{stroke-dasharray:4 3}',
  '.edge text{fill:#374151;font-size:10px;paint-order:stroke;stroke:#fff;stroke-width:4px}',
].join('');

/**
 * The dependency graph as an SVG picture: one column per wave, essential services solid, optional
 * ones dashed and grey; each arrow runs from a dependency to its dependent, labelled with the
 * condition, dashed when the dependency is not required.
 */
export function graphSvg(plan: StartupPlan, model: Model): string {
  const layout = layoutPlan(plan);
  const essential = new Map(model.services.map((s) => [s.name, s.essential]));
  const waveOf = plan.waveOf;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${c(layout.width)}" height="${c(layout.height)}" viewBox="0 0 ${c(layout.width)} ${c(layout.height)}" role="img" aria-label="${xmlText(`${model.project}: dependency graph`)}">`,
    `<title>${xmlText(`${model.project}: ${plan.waves.length} waves, ${plan.edges.length} dependencies`)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#374151"/></marker></defs>',
    `<style>${style}</style>`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    ...plan.edges.map((edge, index) => edgeSvg(edge, layout.edges[index]!)),
    ...layout.nodes.map((node) => nodeSvg(node, essential.get(node.name) ?? true, waveOf.get(node.name)!)),
    '</svg>',
  ];
  return `${lines.join('\n')}\n`;
}

function nodeSvg(node: PlacedNode, essential: boolean, wave: number): string {
  const kind = essential ? 'essential' : 'optional';
  const name = xmlText(node.name);
  return [
    `<g class="node ${kind}" data-service="${name}" data-wave="${wave}">`,
    `<title>${name} (${kind}, wave ${wave})</title>`,
    `<rect x="${c(node.x - node.width / 2)}" y="${c(node.y - node.height / 2)}" width="${c(node.width)}" height="${c(node.height)}" rx="6"/>`,
    `<text x="${c(node.x)}" y="${c(node.y)}" text-anchor="middle" dominant-baseline="central">${name}</text>`,
    '</g>',
  ].join('');
}

function edgeSvg(edge: PlanEdge, placed: PlacedEdge): string {
  const kind = edge.required ? 'required' : 'not-required';
  const path = placed.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${c(p.x)},${c(p.y)}`).join('');
  const attributes = `data-from="${xmlText(edge.from)}" data-to="${xmlText(edge.to)}" data-condition="${xmlText(edge.condition)}"`;
  return [
    `<g class="edge ${kind}" ${attributes}>`,
    `<path d="${path}" marker-end="url(#arrow)"/>`,
    `<text x="${c(placed.label.x)}" y="${c(placed.label.y)}" text-anchor="middle" dominant-baseline="central">${xmlText(edge.condition)}</text>`,
    '</g>',
  ].join('');
}
