import type { Model, Service } from '../../model/types.js';
import { namedVolumes } from './volumes.js';
import { awaitedToComplete } from '../../model/awaited-to-complete.js';

/** What every service's manifests are made from. */
export interface K8sContext {
  model: Model;
  /** The services on this target, by name. */
  present: ReadonlyMap<string, Service>;
  /** Services another waits for with `completed`: they run to an end, as Jobs. */
  runToCompletion: ReadonlySet<string>;
  /** The named volumes the services on this target use. */
  presentVolumes: ReadonlySet<string>;
  /** Services on the node's network (`network: host`), which reach each other on 127.0.0.1. */
  onNodeNetwork: ReadonlySet<string>;
}

/** Facts about the whole stack, gathered once so that rendering one service never scans all the others. */
export function k8sContext(model: Model, services: readonly Service[]): K8sContext {
  return {
    model,
    present: new Map(services.map((s) => [s.name, s])),
    runToCompletion: awaitedToComplete(model),
    presentVolumes: new Set(namedVolumes(services).map((v) => v.source)),
    onNodeNetwork: new Set(services.filter((s) => s.network === 'host').map((s) => s.name)),
  };
}
