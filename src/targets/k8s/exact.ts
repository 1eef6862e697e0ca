import type { Service } from '../../model/types.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { containerValueRefusals } from '../shared/exact.js';
import type { Finding } from './finding.js';

/** E301 for every value that would not reach the container byte for byte. */
export function exactFindings(service: Service, at: (key: string, ...rest: Array<string | number>) => SpecPath, base?: Service): Finding[] {
  return containerValueRefusals('k8s', service, ([key, ...rest]) => at(key, ...rest), base).map((diagnostic) => ({ diagnostic }));
}
