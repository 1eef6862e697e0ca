import { findCycles } from '../../graph/cycles.js';
import { dependencyGraph } from '../../graph/dependency-graph.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { rawDependencies, serviceEntries } from '../raw.js';
import type { Check } from './context.js';

export const checkCycles: Check = ({ spec }) => {
  const nodes = serviceEntries(spec).map(([name, service]) => ({ name, dependsOn: rawDependencies(name, service) }));
  const graph = dependencyGraph(nodes);
  return findCycles(graph, Object.keys(spec.services)).map((cycle) => {
    const [first, second] = cycle;
    const declared = rawDependencies(first!, spec.services[first!]!).find((dep) => dep.name === second)!;
    return diagnostic('E202', `dependency cycle: ${cycle.join(' → ')}`, { path: declared.path, atKey: true });
  });
};
