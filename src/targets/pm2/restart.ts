import type { Service } from '../../model/types.js';
import { dockerStopMarginMs } from '../shared/container/stop-margin.js';
import type { JsObject } from './js.js';

/**
 * PM2 gives up after `max_restarts` exits that came sooner than `min_uptime` after a start. With
 * `min_uptime` this large every exit counts, so `max_restarts` becomes a plain count (the first exit
 * counts too, hence the +1); without a limit the count is out of reach.
 */
const everyExitCounts = Number.MAX_SAFE_INTEGER;
const unlimited = Number.MAX_SAFE_INTEGER;

export function restartSettings(service: Service): JsObject {
  const restart = service.restart;
  if (restart.policy === 'no') return { autorestart: false };
  const settings: JsObject = { autorestart: true };
  if (restart.policy === 'on-failure') settings.stop_exit_codes = [0];
  if (restart.maxAttempts === undefined) {
    settings.max_restarts = unlimited;
  } else {
    settings.max_restarts = restart.maxAttempts + 1;
    settings.min_uptime = everyExitCounts;
  }
  // PM2's own default is no delay; an explicit 0 would also keep a given-up app listed as `waiting restart`.
  if (restart.backoff === 'exponential') settings.exp_backoff_restart_delay = restart.delayMs;
  else if (restart.delayMs > 0) settings.restart_delay = restart.delayMs;
  return settings;
}

/** A container is stopped by `docker stop` within its own timeout; PM2 allows for the CLI on top. */
export function stopSettings(service: Service): JsObject {
  if (service.kind === 'container') return { kill_timeout: service.stop.timeoutMs + dockerStopMarginMs, treekill: false };
  return { kill_timeout: service.stop.timeoutMs };
}
