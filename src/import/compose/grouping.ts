import type { ImportWarning } from '../warnings.js';
import { code } from './context.js';

/** A warning about one service, whose message names it as `code(service)`. */
export interface ServiceWarning extends ImportWarning {
  service?: string;
}

const placeholder = '\u0000';

/**
 * One warning per cause: warnings that differ only in the service they name become one, at the
 * first one's place, naming how many services and which.
 */
export function groupByCause(warnings: readonly ServiceWarning[]): ImportWarning[] {
  const groups = new Map<string, { first: ServiceWarning; services: string[] }>();
  const order: Array<ServiceWarning | string> = [];
  for (const warning of warnings) {
    if (warning.service === undefined || !warning.message.includes(code(warning.service))) {
      order.push(warning);
      continue;
    }
    const key = `${warning.code}${placeholder}${warning.message.split(code(warning.service)).join(placeholder)}`;
    const group = groups.get(key);
    if (group) {
      if (!group.services.includes(warning.service)) group.services.push(warning.service);
      continue;
    }
    groups.set(key, { first: warning, services: [warning.service] });
    order.push(key);
  }
  return order.map((item) => {
    if (typeof item !== 'string') return withoutService(item);
    const { first, services } = groups.get(item)!;
    if (services.length === 1) return withoutService(first);
    const named = `${services.length} services (${services.map(code).join(', ')})`;
    return { ...withoutService(first), message: first.message.split(code(first.service!)).join(named) };
  });
}

function withoutService(warning: ServiceWarning): ImportWarning {
  const { service: _service, ...rest } = warning;
  return rest;
}
