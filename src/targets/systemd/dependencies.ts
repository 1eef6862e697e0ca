import type { Model } from '../../model/types.js';
import { warn, type UnitContext } from './context.js';
import { unitName } from './names.js';
import { entry, type Entry } from './sections.js';

/**
 * After= orders the start; a dependency's unit is active only once it is healthy (readiness wait) or,
 * for `completed`, once it ended well (oneshot), so After= waits for the condition. Requires= makes a
 * required dependency's failure this unit's failure; Wants= does not.
 */
export function dependencyEntries(ctx: UnitContext): Entry[] {
  const { model, service } = ctx;
  const units = service.dependsOn.map((dep) => ({ unit: unitName(model.project, dep.name), required: dep.required }));
  const engine = engineService(model, service.kind);
  if (!ctx.fallback) warnStartedWaitsLonger(ctx);
  return [
    ...engine.map((unit) => entry('After', unit)),
    ...units.map(({ unit }) => entry('After', unit)),
    ...engine.map((unit) => entry('Wants', unit)),
    ...units.filter((d) => d.required).map(({ unit }) => entry('Requires', unit)),
    ...units.filter((d) => !d.required).map(({ unit }) => entry('Wants', unit)),
  ];
}

/**
 * After= waits for the dependency's start job, and systemd has no ordering on an earlier point of it.
 * That job ends when the unit is active: after its readiness wait (ExecStartPost=) for a service with a
 * health check, after it exited for a oneshot. A `started` dependency is then waited for until healthy
 * (or completed): later than asked, never earlier, which is safe for a service that copes with less.
 */
function warnStartedWaitsLonger(ctx: UnitContext): void {
  const { awaitedToComplete: oneshot, healthChecked } = ctx.stack;
  for (const dep of ctx.service.dependsOn) {
    if (dep.condition !== 'started') continue;
    const until = oneshot.has(dep.name) ? 'completed' : healthChecked.has(dep.name) ? 'healthy' : undefined;
    if (until === undefined) continue;
    const how = until === 'healthy' ? 'its readiness wait (ExecStartPost=) is part of its start job' : 'it runs as a oneshot, whose start job ends when it exits';
    warn(ctx, `waits for \`${dep.name}\` to be ${until}, not just started (\`depends_on\`): After= waits for the whole start job, and ${how}`, ['services', ctx.service.name, 'depends_on', dep.name]);
    ctx.notes.push(`starts after ${dep.name} is ${until}, not just started: After= waits for its whole start job`);
  }
}

/** The docker daemon must be up before a container starts; podman has no daemon. */
function engineService(model: Model, kind: 'container' | 'process'): string[] {
  return kind === 'container' && model.settings.systemd.engine === 'docker' ? ['docker.service'] : [];
}

/** Services some other service waits to complete. */
export function awaitedToComplete(model: Model): Set<string> {
  return new Set(model.services.flatMap((s) => s.dependsOn.filter((d) => d.condition === 'completed').map((d) => d.name)));
}
