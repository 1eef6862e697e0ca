import type { Model, TargetName } from '../model/types.js';
import type { Driver, RuntimeContext } from './driver.js';
import { probe } from './probe.js';
import { targetServices } from './services.js';
import { readState, type RuntimeState } from './state.js';

export interface ServiceStatus {
  service: string;
  essential: boolean;
  state: 'running' | 'exited' | 'stopped';
  health: 'healthy' | 'unhealthy' | 'no check' | '-';
  since?: string;
  restarts: number;
  exitCode?: number;
  variant?: string;
  lastProbe?: { at: string; ms: number; detail: string };
}

export interface StackStatus {
  project: string;
  target: TargetName;
  /** `down`: no service runs, and none ended on its own since `up` (a clean `down`, or never started). */
  overall: 'healthy' | 'degraded' | 'unhealthy' | 'down';
  services: ServiceStatus[];
}

/** Asks the supervisor about every service and probes the running ones now. */
export async function status(context: RuntimeContext, driver: Driver): Promise<StackStatus> {
  const record = readState(context.stateDir, context.model.project, driver.target);
  const services = await Promise.all(
    targetServices(context.model, driver.target).map(async (service): Promise<ServiceStatus> => {
      const current = await driver.state(service);
      const row: ServiceStatus = {
        service: service.name,
        essential: service.essential,
        state: current.running ? 'running' : current.exitCode !== undefined ? 'exited' : 'stopped',
        health: '-',
        restarts: current.restarts,
      };
      if (current.since !== undefined) row.since = new Date(current.since).toISOString();
      if (current.exitCode !== undefined) row.exitCode = current.exitCode;
      const variant = record.services[service.name]?.variant;
      if (variant) row.variant = variant;
      if (current.running && service.health) {
        const result = await probe(service.health.check, service.health.timeoutMs, service, driver);
        row.health = result.ok ? 'healthy' : 'unhealthy';
        row.lastProbe = { at: new Date().toISOString(), ms: result.ms, detail: result.detail };
      } else if (current.running) {
        row.health = 'no check';
      }
      return row;
    }),
  );
  return { project: context.model.project, target: driver.target, overall: overall(context.model, services, record), services };
}

function overall(model: Model, services: readonly ServiceStatus[], record: RuntimeState): StackStatus['overall'] {
  // A job that ran to a successful end is as good as a healthy service.
  const up = (s: ServiceStatus) => (s.state === 'running' && s.health !== 'unhealthy') || (s.state === 'exited' && s.exitCode === 0);
  if (services.every(up)) return 'healthy';
  // Down: nothing runs, and what ended either left nothing with its tool or was stopped by `down` (which clears the record).
  const taken = (s: ServiceStatus) => s.state === 'stopped' || (s.state === 'exited' && record.services[s.service] === undefined);
  if (services.every(taken)) return 'down';
  const essential = new Set(model.services.filter((s) => s.essential).map((s) => s.name));
  return services.filter((s) => essential.has(s.service)).every(up) ? 'degraded' : 'unhealthy';
}
