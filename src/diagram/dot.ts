import type { StartupPlan } from '../graph/plan.js';

export function graphDot(plan: StartupPlan): string {
  const lines = ['digraph orchgen {', '  rankdir=LR;'];
  plan.waves.forEach((wave, index) => {
    lines.push(`  { rank=same; ${wave.map((name) => `"${name}";`).join(' ')} } // wave ${index + 1}`);
  });
  for (const edge of plan.edges) {
    const style = edge.required ? '' : ', style=dashed';
    lines.push(`  "${edge.from}" -> "${edge.to}" [label="${edge.condition}"${style}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
