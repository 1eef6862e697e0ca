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
  const config = withoutAddresses(own);
  if (aliases.length > 0) config.aliases = [...new Set(aliases)];
  if (Object.keys(config).length > 0 || (own !== undefined && !hasAddress(own))) {
    setNative(ctx, ['networks', 'default'], config);
    ctx.warn('W201', `the default network settings of ${code(ctx.source)}${others.length > 0 ? ' (with the aliases it had on other networks)' : ''} are kept under native.compose.networks`, ['networks']);
    ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
  }
}

/** The default network's settings without fixed addresses, which the file-level warning reports: the project network has no subnet of the file's. */
function withoutAddresses(config: unknown): Record<string, unknown> {
  if (typeof config !== 'object' || config === null) return {};
  return Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'ipv4_address' && key !== 'ipv6_address'));
}

function hasAddress(config: unknown): boolean {
  return typeof config === 'object' && config !== null && ('ipv4_address' in config || 'ipv6_address' in config);
}

function aliasesOf(config: unknown): string[] {
  const aliases = (config as { aliases?: unknown } | null | undefined)?.aliases;
  return Array.isArray(aliases) ? aliases.map(String) : [];
}
