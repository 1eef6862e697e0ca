import { code, type ServiceContext } from './context.js';
import { dropSetting, setNative } from './native.js';
import { literalValue, scalarText } from './strings.js';

interface Mapping {
  ip?: string;
  host: string;
  container: string;
  protocol: string;
}

/**
 * `ports` → "[IP:]HOST:CONTAINER[/udp]", ranges expanded. A port without a fixed host port, or a
 * protocol orchgen does not know, has no place: then the Compose build gets the whole list as written
 * (a list under native.compose replaces the generated one) and the others still go to every target.
 */
export function convertPorts(ctx: ServiceContext, value: unknown): void {
  if (!Array.isArray(value)) return dropSetting(ctx, ['ports'], value, 'not a list');
  const ports: string[] = [];
  let unplaced = false;
  value.forEach((item, i) => {
    const text = portText(ctx, item, i);
    const mappings = text === undefined ? undefined : expand(parseShort(text));
    if (mappings) return void ports.push(...mappings);
    unplaced = true;
    ctx.warn('W201', `port ${code(typeof item === 'object' ? JSON.stringify(item) : String(item))} of ${code(ctx.source)} has no fixed host port or a protocol orchgen does not know; the Compose build keeps the whole ports list under native.compose`, ['ports', i], true);
  });
  if (ports.length > 0) ctx.out.ports = ports;
  if (unplaced) {
    setNative(ctx, ['ports'], value);
    ctx.note(['native'], 'Compose settings orchgen has no place for: only the Compose build uses them.');
  }
}

/** The short syntax of a port (filled in already), long syntax turned into it; undefined when it cannot be. */
function portText(ctx: ServiceContext, item: unknown, i: number): string | undefined {
  const scalar = scalarText(item);
  if (scalar !== undefined) return literalValue(scalar);
  if (typeof item !== 'object' || item === null) return undefined;
  const long = item as Record<string, unknown>;
  const target = scalarText(long.target);
  const published = scalarText(long.published);
  if (target === undefined || published === undefined) return undefined;
  for (const key of ['mode', 'name', 'app_protocol'].filter((k) => k in long)) {
    ctx.warn('W205', `${code(key)} of port ${target} of ${code(ctx.source)} dropped: orchgen ports have no ${key}`, ['ports', i, key]);
  }
  const ip = scalarText(long.host_ip);
  const protocol = scalarText(long.protocol);
  const host = ip === undefined ? '' : ip.includes(':') && !ip.startsWith('[') ? `[${ip}]:` : `${ip}:`;
  return `${host}${published}:${target}${protocol ? `/${protocol}` : ''}`;
}

function parseShort(text: string): Mapping | undefined {
  const slash = text.lastIndexOf('/');
  const protocol = slash >= 0 ? text.slice(slash + 1) : 'tcp';
  const rest = slash >= 0 ? text.slice(0, slash) : text;
  let ip: string | undefined;
  let ports = rest;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close < 0) return undefined;
    ip = rest.slice(0, close + 1);
    ports = rest.slice(close + 2);
  }
  const parts = ports.split(':');
  if (ip === undefined && parts.length > 3) ip = `[${parts.slice(0, -2).join(':')}]`;
  else if (ip === undefined && parts.length === 3) ip = parts[0];
  const [host, container] = parts.length >= 2 ? parts.slice(-2) : [undefined, parts[0]];
  if (host === undefined || host === '' || container === undefined) return undefined;
  return ip === undefined ? { host, container, protocol } : { ip, host, container, protocol };
}

const number = /^[0-9]{1,5}$/;
const range = /^([0-9]{1,5})-([0-9]{1,5})$/;

/** One mapping per port: `8000-8001:9000-9001` → `8000:9000`, `8001:9001`. */
function expand(mapping: Mapping | undefined): string[] | undefined {
  if (!mapping || (mapping.protocol !== 'tcp' && mapping.protocol !== 'udp')) return undefined;
  if (mapping.ip !== undefined && !/^([0-9.]+|\[[0-9A-Fa-f:.]+\])$/.test(mapping.ip)) return undefined;
  const hosts = portsOf(mapping.host);
  const containers = portsOf(mapping.container);
  if (!hosts || !containers || hosts.length !== containers.length) return undefined;
  const prefix = mapping.ip === undefined ? '' : `${mapping.ip}:`;
  const suffix = mapping.protocol === 'udp' ? '/udp' : '';
  return hosts.map((host, i) => `${prefix}${host}:${containers[i]}${suffix}`);
}

function portsOf(text: string): number[] | undefined {
  if (number.test(text)) return [Number(text)];
  const match = range.exec(text);
  if (!match) return undefined;
  const [from, to] = [Number(match[1]), Number(match[2])];
  if (to < from || to - from > 1000) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
