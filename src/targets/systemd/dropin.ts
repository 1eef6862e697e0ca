import { warn, type UnitContext } from './context.js';
import { entry, keysOf, valuesOf, type Entry, type SectionName, type UnitFile } from './sections.js';

/** Settings that take several lines; an empty assignment clears them. */
const listKeys = new Set(['ExecCondition', 'ExecStartPre', 'ExecStart', 'ExecStartPost', 'ExecStop', 'ExecStopPost', 'Environment', 'EnvironmentFile', 'PassEnvironment', 'SuccessExitStatus', 'RestartForceExitStatus']);

/** Dependencies can be added by a drop-in, never taken back. */
const dependencyKeys = new Set(['After', 'Before', 'Requires', 'Wants', 'BindsTo', 'PartOf', 'Requisite', 'Conflicts']);

/** Settings whose empty assignment systemd 252 rejects: a drop-in puts back the default instead. */
const defaults: Record<string, string> = {
  StartLimitIntervalSec: '10s',
  StartLimitBurst: '5',
  TimeoutStartSec: '90s',
  TimeoutStopSec: '90s',
  KillSignal: 'SIGTERM',
  RestartSec: '100ms',
  PrivateDevices: 'no',
  ProtectClock: 'no',
  RemainAfterExit: 'no',
  Type: 'simple',
};

/** The lines that turn the normal unit into the variant: only what differs, reset first where needed. */
export function dropIn(ctx: UnitContext, base: UnitFile, variant: UnitFile): Pick<UnitFile, 'Unit' | 'Service'> {
  return { Unit: sectionDelta(ctx, 'Unit', base, variant), Service: sectionDelta(ctx, 'Service', base, variant) };
}

function sectionDelta(ctx: UnitContext, section: SectionName, base: UnitFile, variant: UnitFile): Entry[] {
  const keys = [...new Set([...keysOf(variant[section]), ...keysOf(base[section])])];
  return keys.flatMap((key) => {
    const before = valuesOf(base[section], key);
    const after = valuesOf(variant[section], key);
    if (sameValues(before, after)) return [];
    return keyDelta(ctx, key, before, after).map((value) => entry(key, value));
  });
}

function keyDelta(ctx: UnitContext, key: string, before: string[], after: string[]): string[] {
  if (key === 'Environment') return environmentDelta(before, after);
  if (dependencyKeys.has(key)) {
    if (before.some((unit) => !after.includes(unit))) {
      warn(ctx, `a drop-in cannot remove ${key}= dependencies; the variant keeps those of the normal unit`, ['services', ctx.service.name, 'fallbacks', ctx.fallback!.index]);
    }
    return after.filter((unit) => !before.includes(unit));
  }
  if (listKeys.has(key)) return ['', ...after];
  if (after.length === 0) return [defaults[key] ?? ''];
  return after.length === 1 ? after : ['', ...after];
}

/** New and changed variables only, unless one disappears: then all of them, after a reset. */
function environmentDelta(before: string[], after: string[]): string[] {
  const name = (assignment: string) => /^"?([^="]*)=/.exec(assignment)?.[1] ?? assignment;
  const kept = new Set(after.map(name));
  if (before.some((assignment) => !kept.has(name(assignment)))) return ['', ...after];
  return after.filter((assignment) => !before.includes(assignment));
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
