import type { Service } from '../../model/types.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { containerValueRefusals } from '../shared/exact.js';
import type { Finding } from './finding.js';

/** E301 for every value that would not reach the container byte for byte; log options never reach a pod (W103 says so). */
export function exactFindings(service: Service, at: (key: string, ...rest: Array<string | number>) => SpecPath, base?: Service): Finding[] {
  const { logging: _, ...carried } = service;
  return containerValueRefusals('k8s', carried, ([key, ...rest]) => at(key, ...rest), base).map((diagnostic) => ({ diagnostic }));
}
