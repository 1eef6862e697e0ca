import type { Fallback, FallbackWhen, Service } from '../../model/types.js';
import type { Artifact } from '../target.js';
import { warn, type UnitContext } from './context.js';
import { dropIn } from './dropin.js';
import { dropInDir, fallbackArtifactPath, systemUnitDir, unitName } from './names.js';
import { renderDropIn } from './render.js';
import { variantSecretsNotes } from './secrets.js';
import type { UnitFile } from './sections.js';
import { serviceUnit } from './unit.js';

/**
 * Each fallback as a drop-in for the service's unit, holding only what the variant changes. systemd
 * cannot pick one by itself: the header says when it applies and where it goes.
 */
export function fallbackArtifacts(ctx: UnitContext, normal: UnitFile): Artifact[] {
  return ctx.service.fallbacks.map((fallback, index) => {
    const variantCtx: UnitContext = { ...ctx, service: fallback.service, fallback: { index, name: fallback.name, base: ctx.service }, notes: [] };
    const delta = dropIn(variantCtx, normal, serviceUnit(variantCtx));
    const path = fallbackArtifactPath(ctx.service.name, fallback.name);
    warn(variantCtx, `systemd does not switch to a fallback by itself; the variant is the drop-in ${path}`, ['services', ctx.service.name, 'fallbacks', index]);
    return { path, content: renderDropIn(delta), notes: [...dropInNotes(ctx, ctx.service, fallback), ...variantSecretsNotes(variantCtx), ...variantEnvListNotes(variantCtx)] };
  });
}

function dropInNotes(ctx: UnitContext, service: Service, fallback: Fallback): string[] {
  const unit = unitName(ctx.model.project, service.name);
  return [
    `fallback "${fallback.name}" of service "${service.name}": applies ${conditions(fallback.when)}`,
    `to switch: copy to ${systemUnitDir}/${dropInDir(unit)}/${fallback.name}.conf, run systemctl daemon-reload and systemctl restart ${unit}`,
  ];
}

function conditions(when: FallbackWhen): string {
  const parts: string[] = [];
  if (when.exitCodes.length > 0) parts.push(`when it exits with ${when.exitCodes.join(' or ')}`);
  if (when.log !== undefined) parts.push(`when its output matches /${when.log.replace(/[\r\n]+/g, ' ')}/`);
  if (when.healthTimeout) parts.push('when its health check never passes');
  return parts.length > 0 ? parts.join(', or ') : 'on any failure';
}

/** The variant's own `env_required` or `env_optional` note, where its list is not the service's. */
function variantEnvListNotes(variant: UnitContext): string[] {
  const base = variant.fallback!.base;
  const lists = [['env_required', 'envRequired'], ['env_optional', 'envOptional']] as const;
  return lists
    .filter(([, field]) => JSON.stringify(variant.service[field]) !== JSON.stringify(base[field]))
    .flatMap(([key]) => variant.notes.filter((note) => note.startsWith(`${key} `)));
}
