import type { StartupPlan } from '../graph/plan.js';

export function graphText(plan: StartupPlan): string {
  const lines = plan.waves.map((wave, index) => `wave ${index + 1}: ${wave.join(', ')}`);
  for (const edge of plan.edges) {
    lines.push(`${edge.to} needs ${edge.from} (${edge.condition}${edge.required ? '' : ', not required'})`);
  }
  lines.push(`critical path: ${plan.criticalPath.join(' → ')}`);
  return `${lines.join('\n')}\n`;
}
