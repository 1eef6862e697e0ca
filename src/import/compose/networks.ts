import { code, type ServiceContext } from './context.js';
import { dropSetting, setNative } from './native.js';

/**
 * `networks`: orchgen has no network definitions, so the Compose build puts every service on the
 * project's default network. Only `default` is kept; the aliases a service had on other networks
 * move to the default one, so the names other containers use still resolve.
 */
export function convertNetworks(ctx: ServiceContext, value: unknown): void {
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((name) => [String(name), null])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  if (entries.length === 0) return dropSetting(ctx, ['networks'], value, 'not a list or a map of networks');
  const others = entries.filter(([name]) => name !== 'default');
  const own = entries.find(([name]) => name === 'default')?.[1];
  const aliases = [...aliasesOf(own), ...others.flatMap(([, config]) => aliasesOf(config))];
  if (others.length > 0) {
    dropSetting(ctx, ['networks'], value, `orchgen has no network definitions: every service shares the Compose project's default network`);
  }
  if (own !== undefined || aliases.length > 0) {
    const config = typeof own === 'object' && own !== null ? { ...own } : {};
    if (aliases.length > 0) (config as Record<string, unknown>).aliases = [...new Set(aliases)];
    setNative(ctx, ['networks', 'default'], config);
    ctx.warn('W201', `the default network settings of ${code(ctx.source)}${others.length > 0 ? ' (with the aliases it had on other networks)' : ''} are kept under native.compose.networks`, ['networks']);
    ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
  }
}

function aliasesOf(config: unknown): string[] {
  const aliases = (config as { aliases?: unknown } | null | undefined)?.aliases;
  return Array.isArray(aliases) ? aliases.map(String) : [];
}
