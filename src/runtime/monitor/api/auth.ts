import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MonitorSettings } from '../../../model/types.js';

export interface Refusal {
  status: 401 | 403;
  error: string;
  headers?: Record<string, string>;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return loopbackHosts.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why the monitor cannot listen where it is told to, if it cannot: beyond loopback it needs its token. */
export function listenProblem(settings: MonitorSettings, token: string | undefined): string | undefined {
  if (isLoopback(settings.listen.host) || (token !== undefined && token !== '')) return undefined;
  return `monitor.listen ${settings.listen.host}:${settings.listen.port} is reachable beyond this host: set ${settings.tokenEnv} to the token every request must carry`;
}

/**
 * Every POST needs the bearer token, and on an address beyond loopback every request does; a
 * read-only monitor refuses every POST.
 */
export function refusal(request: IncomingMessage, settings: MonitorSettings, token: string | undefined): Refusal | undefined {
  const acting = request.method === 'POST';
  if (acting || !isLoopback(settings.listen.host)) {
    if (token === undefined || token === '') return { status: 401, error: `this monitor takes no requests that act: ${settings.tokenEnv} was not set when it started` };
    if (!bearerMatches(request.headers.authorization, token)) {
      return { status: 401, error: 'a bearer token is required (Authorization: Bearer <token>)', headers: { 'WWW-Authenticate': 'Bearer realm="orchgen monitor"' } };
    }
  }
  if (acting && settings.readOnly) return { status: 403, error: 'this monitor is read-only (monitor.read_only)' };
  return undefined;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
