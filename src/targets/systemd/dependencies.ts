import { engineUnits } from './engine.js';
import { listByAbout } from '../shared/finding.js';
import { warn, type UnitContext } from './context.js';
import { execLine } from './escape.js';
import { unitName } from './names.js';
import { entry, type Entry } from './sections.js';

/**
 * After= orders the start; a dependency's unit is active only once it is healthy (readiness wait) or,
 * for `completed`, once it ended well (oneshot), so After= waits for the condition. Wants= pulls the
 * dependency in without binding to it: when it crashes and systemd restarts it, its dependents keep
 * running (Requires= would restart them too, and count that against their start limit), as Compose
 * and Kubernetes do. A required dependency is checked instead when the dependent starts (see
 * dependencyGuards). The engine's daemon is required: a dockerd restart ends every container.
 */
export function dependencyEntries(ctx: UnitContext): Entry[] {
  const { model, service } = ctx;
  const units = service.dependsOn.map((dep) => unitName(model.project, dep.name));
  const engine = engineUnits(model, service.kind);
  if (!ctx.fallback) warnStartedWaitsLonger(ctx);
  return [
    ...engine.map((unit) => entry('After', unit)),
    ...units.map((unit) => entry('After', unit)),
    ...engine.map((unit) => entry('Requires', unit)),
    ...units.map((unit) => entry('Wants', unit)),
  ];
}

/**
 * A dependent whose required dependency did not come up does not start: its start job runs after the
 * dependency's ended (After=), and the condition finds the dependency not active. A failed condition
 * (exit 1-254) skips the start without marking the unit failed, so it is not restarted either. `+`
 * asks as root, outside the unit's sandbox and User=; a user manager (which sets $MANAGERPID) is asked
 * with --user.
 */
export function dependencyGuards(ctx: UnitContext): Entry[] {
  const { model, service } = ctx;
  return service.dependsOn
    .filter((dep) => dep.required)
    .map((dep) => entry('ExecCondition', `+${execLine(['/bin/sh', '-c', activeCheck, '_', unitName(model.project, dep.name)])}`));
}

const activeCheck = 'exec systemctl ${MANAGERPID:+--user} is-active --quiet "$1"';

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
    const cause = { key: `systemd-started-${until}`, service: ctx.service.name, about: dep.name, message: (waiting: ReadonlyMap<string, readonly string[]>) => startedWaitsLonger(until, how, waiting) };
    warn(ctx, `waits for \`${dep.name}\` to be ${until}, not just started (\`depends_on\`): After= waits for the whole start job, and ${how}`, ['services', ctx.service.name, 'depends_on', dep.name], cause);
    ctx.notes.push(`starts after ${dep.name} is ${until}, not just started: After= waits for its whole start job`);
  }
}

function startedWaitsLonger(until: string, how: string, waiting: ReadonlyMap<string, readonly string[]>): string {
  return `systemd: services wait for a dependency to be ${until}, not just started (\`depends_on\`): After= waits for the whole start job, and ${how}: ${listByAbout(waiting, 'for')}`;
}
