import { createHash } from 'node:crypto';
import type { Fallback, Service } from '../../model/types.js';

/** What the service runs, as the variant: when it changes, the service is recreated. */
export function fingerprint(service: Service, variant?: Fallback): string {
  return createHash('sha256').update(JSON.stringify(variant ? variant.service : service)).digest('hex').slice(0, 16);
}
