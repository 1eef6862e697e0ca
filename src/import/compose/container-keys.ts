import { specSchema } from '../../spec/schema.js';
import { commandWords } from './command.js';
import type { ServiceContext } from './context.js';
import { keepNative } from './native.js';
import { literalValue, scalarText } from './strings.js';

/** `entrypoint` as `command` is read: a list stays a list, a string is split into words. An empty one clears the image's, which the spec cannot say. */
export function convertEntrypoint(ctx: ServiceContext, value: unknown): void {
  const empty = Array.isArray(value) ? value.length === 0 : scalarText(value)?.trim() === '';
  if (empty) return keepNative(ctx, 'entrypoint', value, "an empty entrypoint clears the image's, which the spec cannot say");
  const words = commandWords(ctx, value, 'entrypoint', ['entrypoint'], ['entrypoint']);
  if (words) ctx.out.entrypoint = words;
}

/** Capability names as the engine reads them: any case, with or without CAP_; the spec writes them upper-case without it. */
export function convertCapabilities(ctx: ServiceContext, key: 'cap_add' | 'cap_drop', value: unknown): void {
  const names = Array.isArray(value) ? value.map((item) => scalarText(item)?.toUpperCase().replace(/^CAP_/, '')) : [];
  if (names.length === 0 || names.some((name) => name === undefined || !/^[A-Z][A-Z0-9_]*$/.test(name))) {
    return keepNative(ctx, key, value, 'not a list of capability names');
  }
  ctx.out[key] = [...new Set(names as string[])];
}

let hostLine: RegExp | undefined;

/** A `HOST:IP` line as the spec writes it, from the schema. */
function isHostLine(line: string): boolean {
  type Schema = { definitions: { service: { properties: { extra_hosts: { anyOf: Array<{ items?: { pattern: string } }> } } } } };
  hostLine ??= new RegExp((specSchema() as unknown as Schema).definitions.service.properties.extra_hosts.anyOf[1]!.items!.pattern, 'u');
  return hostLine.test(line);
}

/**
 * `extra_hosts`, a map or a list of `HOST:IP` or `HOST=IP` (an IPv6 address in brackets or not), as
 * the spec's list of `HOST:IP`: a list keeps a host given twice.
 */
export function convertExtraHosts(ctx: ServiceContext, value: unknown): void {
  const lines = hostLines(value);
  if (lines === undefined || lines.length === 0 || !lines.every(isHostLine)) return keepNative(ctx, 'extra_hosts', value, 'not host names with IP addresses');
  ctx.out.extra_hosts = lines;
}

function hostLines(value: unknown): string[] | undefined {
  const pairs: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item) => {
        const text = scalarText(item) ?? '';
        const cut = /[=:]/.exec(text)?.index ?? text.length;
        return [text.slice(0, cut), text.slice(cut + 1)];
      })
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([host, ips]) => (Array.isArray(ips) ? ips.map((ip): [string, unknown] => [host, ip]) : [[host, ips]]))
      : [];
  if (pairs.some(([, ip]) => scalarText(ip) === undefined)) return undefined;
  return pairs.map(([host, ip]) => `${host}:${scalarText(ip)!.replace(/^\[(.*)\]$/, '$1')}`);
}

export function convertInit(ctx: ServiceContext, value: unknown): void {
  if (typeof value === 'boolean') ctx.out.init = value;
  else keepNative(ctx, 'init', value, 'not true or false');
}

/** `logging`: a driver and options, each option's value as the text Compose passes (a number as written). */
export function convertLogging(ctx: ServiceContext, value: unknown): void {
  const logging = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const driver = logging?.driver === undefined ? undefined : scalarText(logging.driver);
  const options = Object.entries((logging?.options ?? {}) as Record<string, unknown>).map(([key, v]): [string, string | undefined] => [key, scalarText(v)]);
  const valid =
    logging !== undefined &&
    Object.keys(logging).every((key) => key === 'driver' || key === 'options') &&
    (logging.driver === undefined || (driver !== undefined && /^[A-Za-z0-9][A-Za-z0-9_./:-]*$/.test(driver))) &&
    options.every(([key, v]) => v !== undefined && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(key));
  if (!valid) return keepNative(ctx, 'logging', value, 'not a log driver with string options');
  const out: Record<string, unknown> = {};
  if (driver !== undefined) out.driver = driver;
  if (options.length > 0) out.options = Object.fromEntries(options.map(([key, v]) => [key, literalValue(v!)]));
  ctx.out.logging = out;
}
