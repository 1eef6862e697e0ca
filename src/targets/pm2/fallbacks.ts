import type { Fallback, Service } from '../../model/types.js';
import type { Placed } from './limits.js';
import { appName, fallbackFile } from './names.js';

/** A fallback variant, placed as its own app under the service's app name. */
export interface Variant extends Placed {
  owner: Service;
  fallback: Fallback;
}

export function variantsOf(services: readonly Service[]): Variant[] {
  return services.flatMap((owner) =>
    owner.fallbacks.map((fallback, index) => ({ owner, fallback, service: fallback.service, where: ['services', owner.name, 'fallbacks', index, 'set'] })),
  );
}

export function fallbackPath({ owner, fallback }: Variant): string {
  return fallbackFile(owner.name, fallback.name);
}

/** The main file's note for a variant: when it applies and how to switch to it. */
export function fallbackListing(project: string, variant: Variant): string {
  return `Fallback \`${variant.fallback.name}\` of \`${variant.owner.name}\` (${whenText(variant.fallback)}): ${switchCommand(project, variant)}`;
}

/** The variant file's own note. */
export function fallbackNote(project: string, variant: Variant): string {
  const { owner, fallback } = variant;
  return `Fallback \`${fallback.name}\` of \`${owner.name}\`, used ${whenText(fallback)}; not started by default. Switch to it from the pm2 folder: ${switchCommand(project, variant)}`;
}

/** The variant has the service's app name, so replacing one app with the other is delete, then start. */
function switchCommand(project: string, variant: Variant): string {
  return `pm2 delete ${appName(project, variant.service.name)} && pm2 start ${fallbackPath(variant)}`;
}

function whenText(fallback: Fallback): string {
  const { exitCodes, log, healthTimeout } = fallback.when;
  const conditions = [
    ...(exitCodes.length > 0 ? [`exit code ${exitCodes.join(' or ')}`] : []),
    ...(log !== undefined ? [`output matching /${log}/`] : []),
    ...(healthTimeout ? ['health check never passing'] : []),
  ];
  return conditions.length === 0 ? 'on any failure' : `on ${conditions.join(', or ')}`;
}
