import type { StartupPlan } from '../graph/plan.js';

export function graphJson(plan: StartupPlan): string {
  const { waves, criticalPath, shutdown, edges } = plan;
  return `${JSON.stringify({ waves, critical_path: criticalPath, shutdown, edges }, null, 2)}\n`;
}
