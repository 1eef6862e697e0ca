import type { Model } from '../../model/types.js';
import type { UnitContext } from './context.js';
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
  return [
    ...engine.map((unit) => entry('After', unit)),
    ...units.map(({ unit }) => entry('After', unit)),
    ...engine.map((unit) => entry('Wants', unit)),
    ...units.filter((d) => d.required).map(({ unit }) => entry('Requires', unit)),
    ...units.filter((d) => !d.required).map(({ unit }) => entry('Wants', unit)),
  ];
}

/** The docker daemon must be up before a container starts; podman has no daemon. */
function engineService(model: Model, kind: 'container' | 'process'): string[] {
  return kind === 'container' && model.settings.systemd.engine === 'docker' ? ['docker.service'] : [];
}

/** Services some other service waits to complete. */
export function awaitedToComplete(model: Model): Set<string> {
  return new Set(model.services.flatMap((s) => s.dependsOn.filter((d) => d.condition === 'completed').map((d) => d.name)));
}
