import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { monitorServiceName } from '../monitor-service-name.js';
import type { Check } from './context.js';

/** The supervised monitor reads the spec from `project_dir` and takes a service name of its own. */
export const checkSupervisedMonitor: Check = ({ spec }) => {
  if (spec.monitor?.supervised !== true) return [];
  const out: Diagnostic[] = [];
  if (spec.project_dir === undefined) {
    out.push(
      diagnostic('E216', '`monitor.supervised` needs `project_dir`: the monitor runs as a service of the host target and reads the spec from there', {
        path: ['monitor', 'supervised'],
        atKey: true,
        hint: `set \`project_dir\` to the folder this spec is in where the stack runs (e.g. \`project_dir: /srv/${spec.project}\`)`,
      }),
    );
  }
  if (monitorServiceName in spec.services) {
    out.push(
      diagnostic('E216', `\`${monitorServiceName}\` is the name of the supervised monitor's service`, {
        path: ['services', monitorServiceName],
        atKey: true,
        hint: 'rename this service, or set `monitor.supervised: false`',
      }),
    );
  }
  return out;
};
