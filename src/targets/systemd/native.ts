import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { refuse, specPath, type UnitContext } from './context.js';
import { entry, sectionNames, type Entry, type UnitFile } from './sections.js';

/**
 * Settings systemd itself accumulates over lines (an empty line clears them): native lines for them
 * come after the generated ones, as a drop-in's would.
 */
const accumulating = new Set([
  'After', 'Before', 'Wants', 'Requires', 'Requisite', 'BindsTo', 'PartOf', 'Upholds', 'Conflicts', 'OnFailure', 'OnSuccess',
  'Documentation', 'WantedBy', 'RequiredBy', 'Also', 'Alias',
  'Environment', 'EnvironmentFile', 'PassEnvironment', 'UnsetEnvironment',
  'ExecStartPre', 'ExecStartPost', 'ExecCondition', 'ExecReload', 'ExecStop', 'ExecStopPost',
  'SuccessExitStatus', 'RestartPreventExitStatus', 'RestartForceExitStatus',
  'ReadWritePaths', 'ReadOnlyPaths', 'InaccessiblePaths', 'ExecPaths', 'NoExecPaths', 'BindPaths', 'BindReadOnlyPaths',
  'DeviceAllow', 'SupplementaryGroups', 'CapabilityBoundingSet', 'AmbientCapabilities', 'SystemCallFilter',
  'RestrictAddressFamilies', 'IPAddressAllow', 'IPAddressDeny',
]);

/**
 * native.systemd: a key systemd accumulates gets its lines after the generated ones; any other key
 * replaces the generated line where it stood, or is added at the end of its section. An array gives
 * repeated lines.
 */
export function mergeNative(ctx: UnitContext, unit: UnitFile): UnitFile {
  const native = ctx.service.native.systemd ?? {};
  const merged = { ...unit };
  for (const section of sectionNames) {
    for (const [key, raw] of Object.entries(native[section] ?? {})) {
      const lines = nativeValues(ctx, raw, specPath(ctx, 'native', 'systemd', section, key)).map((value) => entry(key, value));
      merged[section] = accumulating.has(key) ? appendToKey(merged[section], key, lines) : replaceKey(merged[section], key, lines);
    }
  }
  return merged;
}

function nativeValues(ctx: UnitContext, raw: unknown, path: SpecPath): string[] {
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  return values.filter((value) => {
    if (!/[\n\r\0]/.test(value)) return true;
    refuse(ctx, `native.systemd value ${String(path.at(-1))}`, 'a unit file setting is one line', path);
    return false;
  });
}

function appendToKey(entries: readonly Entry[], key: string, lines: Entry[]): Entry[] {
  const last = entries.map((e) => e.key).lastIndexOf(key);
  const at = last < 0 ? entries.length : last + 1;
  return [...entries.slice(0, at), ...lines, ...entries.slice(at)];
}

function replaceKey(entries: readonly Entry[], key: string, lines: Entry[]): Entry[] {
  const first = entries.findIndex((e) => e.key === key);
  if (first < 0) return [...entries, ...lines];
  return [...entries.slice(0, first), ...lines, ...entries.slice(first).filter((e) => e.key !== key)];
}
