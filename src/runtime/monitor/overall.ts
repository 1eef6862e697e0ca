import type { Health } from './service-health.js';
import type { BreakerState } from './breaker.js';

export type OverallHealth = 'healthy' | 'degraded' | 'unhealthy';

export interface ServiceStanding {
  essential: boolean;
  health: Health;
  breaker: BreakerState;
}

/**
 * The stack's health: unhealthy when an essential service is not healthy; degraded when an optional
 * one is not, or any breaker is not closed; else healthy. A service not judged yet counts as not healthy.
 */
export function overallHealth(services: readonly ServiceStanding[]): OverallHealth {
  if (services.some((s) => s.essential && s.health !== 'healthy')) return 'unhealthy';
  if (services.some((s) => s.health !== 'healthy' || s.breaker !== 'closed')) return 'degraded';
  return 'healthy';
}

/**
 * A score from 0 to 100: essential services weigh twice as much as optional ones; a healthy service
 * with a breaker not yet closed counts half.
 */
export function healthScore(services: readonly ServiceStanding[]): number {
  if (services.length === 0) return 100;
  let earned = 0;
  let possible = 0;
  for (const service of services) {
    const weight = service.essential ? 2 : 1;
    possible += weight;
    if (service.health === 'healthy') earned += service.breaker === 'closed' ? weight : weight / 2;
  }
  return Math.round((earned / possible) * 1000) / 10;
}
