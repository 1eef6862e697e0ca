import type { StartupPlan } from '../graph/plan.js';

export function graphMermaid(plan: StartupPlan): string {
  const lines = ['flowchart LR'];
  for (const name of plan.waves.flat()) lines.push(`  ${id(name)}["${name}"]`);
  for (const edge of plan.edges) lines.push(`  ${id(edge.from)} ${edge.required ? '-->' : '-.->'}|${edge.condition}| ${id(edge.to)}`);
  return `${lines.join('\n')}\n`;
}

function id(name: string): string {
  return name.replace(/-/g, '_');
}
