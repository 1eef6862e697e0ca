import type { Model } from '../../model/types.js';
import type { Driver, ServiceState } from '../driver.js';
import { exitWhy } from '../exit.js';
import { probe } from '../probe.js';
import { goalOf } from '../readiness.js';
import type { CheckOutcome } from './service-health.js';
import type { ServiceWatch } from './service-watch.js';

export interface Checked extends CheckOutcome {
  /** The tool's own view, asked at the same time. */
  state: ServiceState;
}

/**
 * One look at a service: its own health check where it has one (and the tool says it runs), else
 * the tool's state. A service others wait to complete is fine once it exited 0.
 */
export async function checkService(watch: ServiceWatch, model: Model, driver: Driver, now: () => number): Promise<Checked> {
  const { service } = watch;
  const started = now();
  const health = service.health;
  const [state, probed] = await Promise.all([driver.state(service), health ? probe(health.check, health.timeoutMs, service, driver) : undefined]);
  const at = now();
  const responseMs = probed?.ms ?? Math.round(at - started);
  if (!state.running) {
    const completed = goalOf(service, model) === 'completed' && state.exitCode === 0;
    return { ok: completed, at, responseMs, state, ...(completed ? {} : { error: state.exitCode === undefined ? 'not running' : exitWhy(state, service) }) };
  }
  if (!probed) return { ok: true, at, responseMs, state };
  return { ok: probed.ok, at, responseMs, state, ...(probed.ok ? {} : { error: probed.detail }) };
}

/** The tool gave up on it: not running, and not about to be started again. */
export function abandoned(state: ServiceState): boolean {
  return !state.running && !state.restarting && !state.starting;
}
