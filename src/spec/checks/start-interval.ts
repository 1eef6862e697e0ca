import { diagnostic } from '../../diagnostics/diagnostic.js';
import { serviceEntries } from '../raw.js';
import type { Check } from './context.js';

/**
 * A `start_interval` with no start period to apply to: Docker checks at that pace only within
 * `start_period`, and so does the Kubernetes startup probe. GPU services have a start period by default.
 */
export const checkStartInterval: Check = ({ spec }) =>
  serviceEntries(spec).flatMap(([name, service]) => {
    const health = service.health;
    if (health === undefined) return [];
    const defaults = spec.defaults?.health;
    const startInterval = health.start_interval ?? defaults?.start_interval;
    if (startInterval === undefined) return [];
    // as the model has it: a GPU service without its own start_period gets at least the GPU default
    if (health.start_period === undefined && service.gpu !== undefined) return [];
    const startPeriod = health.start_period ?? defaults?.start_period;
    // a duration is zero when it has no digit but zeros
    if (startPeriod !== undefined && /[1-9]/.test(startPeriod)) return [];
    const path = health.start_interval !== undefined ? ['services', name, 'health', 'start_interval'] : ['defaults', 'health', 'start_interval'];
    return [diagnostic('W106', `\`start_interval\` of \`${name}\` has no effect: it has no \`start_period\`, and checks run at that pace only within it`, { path, atKey: true, hint: 'give `health.start_period` the time the service takes to start' })];
  });
