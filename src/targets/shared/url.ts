import type { Port } from '../../model/types.js';

export interface HttpUrl {
  scheme: 'http' | 'https';
  /** `user:pass@`, or empty. */
  userinfo: string;
  /** As written; an IPv6 address keeps its brackets. */
  host: string;
  port: number;
  /** Path and query, `/` when the URL has none; the fragment is never sent. */
  path: string;
}

const loopback = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return loopback.has(host.toLowerCase());
}

/** The address a loopback host names, without brackets: `localhost` is 127.0.0.1. */
export function loopbackAddress(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare.toLowerCase() === 'localhost' ? '127.0.0.1' : bare;
}

/** Scheme, authority, then path and query (the fragment left out). */
const httpUrl = /^(https?):\/\/([^/?#]*)([^#]*)/is;
/** An authority's host (an IPv6 address in brackets) and port, after any `user:pass@`. */
const hostAndPort = /^(\[[^\]]*\]|[^:]*)(?::([0-9]+))?$/;

export function parseHttpUrl(url: string): HttpUrl | undefined {
  const match = httpUrl.exec(url);
  if (!match) return undefined;
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const at = authority.lastIndexOf('@');
  const hostPort = hostAndPort.exec(authority.slice(at + 1));
  if (!hostPort || hostPort[1] === '') return undefined;
  const https = scheme.toLowerCase() === 'https';
  const port = hostPort[2] !== undefined ? Number(hostPort[2]) : https ? 443 : 80;
  const path = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
  return { scheme: https ? 'https' : 'http', userinfo: authority.slice(0, at + 1), host: hostPort[1]!, port, path };
}

export function formatHttpUrl(url: HttpUrl): string {
  return `${url.scheme}://${url.userinfo}${url.host}:${url.port}${url.path}`;
}

/** The URL with its port set to `port`, everything else as written (an http URL that parseHttpUrl reads). */
export function withPort(url: string, port: number): string {
  const [, scheme, authority] = httpUrl.exec(url) as unknown as [string, string, string];
  const at = authority.lastIndexOf('@');
  const host = hostAndPort.exec(authority.slice(at + 1))![1]!;
  return `${scheme}://${authority.slice(0, at + 1)}${host}:${port}${url.slice(scheme.length + 3 + authority.length)}`;
}

/** The port a check against the host's `port` reaches inside the container: a published host port maps to its container port. */
export function containerPortOf(port: number, ports: readonly Port[]): number {
  return ports.find((p) => p.protocol === 'tcp' && p.host === port)?.container ?? port;
}

/** The published port (the Service's port) that a check against the host's `port` uses, if any. */
export function publishedPortOf(port: number, ports: readonly Port[]): Port | undefined {
  const tcp = ports.filter((p) => p.protocol === 'tcp');
  return tcp.find((p) => p.host === port) ?? tcp.find((p) => p.container === port);
}
