import type { RecoveryEvent } from '../recovery-log.js';
import type { MonitorState } from '../state.js';
import { dependenciesReport, healthStatus, servicesReport, stackStatus } from './reports.js';
import { statusPage, type StatusPage } from './status-page.js';

/** What the API asks the running monitor to do. */
export interface MonitorActions {
  /** Checks every service now. */
  trigger(): Promise<void>;
  /** Begins a restart through the tool (with the dependents unless told not to); returns its record, still running. */
  restart(name: string, withDependents: boolean): RecoveryEvent;
  /** Begins a recovery as the monitor would on its own (restarts with backoff, then a fallback); returns its record. */
  recover(name: string): RecoveryEvent;
  metrics(): Promise<string>;
}

export interface Reply {
  status: number;
  body: unknown;
  /** text/plain bodies (metrics) are sent as they are. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Answered without the token even beyond loopback: the status page, which holds no data (its API calls carry the token). */
  open?: boolean;
  handle(state: MonitorState, actions: MonitorActions, match: RegExpMatchArray, query: URLSearchParams): Promise<Reply> | Reply;
}

const json = (body: unknown, status = 200): Reply => ({ status, body });
const html = (page: StatusPage): Reply => ({ status: 200, body: page.html, contentType: 'text/html; charset=utf-8', headers: page.headers });

export const routes: readonly Route[] = [
  { method: 'GET', pattern: /^\/$/, open: true, handle: () => html(statusPage()) },
  { method: 'GET', pattern: /^\/health$/, handle: (state) => json({ status: 'ok', uptime_seconds: state.uptimeSeconds(), target: state.target }) },
  { method: 'GET', pattern: /^\/health\/status$/, handle: (state) => json(healthStatus(state)) },
  {
    method: 'POST',
    pattern: /^\/health\/trigger$/,
    handle: async (state, actions) => {
      await actions.trigger();
      return json(healthStatus(state));
    },
  },
  { method: 'GET', pattern: /^\/api\/v1\/status$/, handle: (state) => json(stackStatus(state)) },
  { method: 'GET', pattern: /^\/api\/v1\/services$/, handle: (state) => json(servicesReport(state)) },
  { method: 'GET', pattern: /^\/api\/v1\/dependencies$/, handle: (state) => json(dependenciesReport(state)) },
  { method: 'GET', pattern: /^\/api\/v1\/events$/, handle: (state) => json(state.log.all().map(eventJson)) },
  {
    method: 'POST',
    pattern: /^\/api\/v1\/services\/([^/]+)\/restart$/,
    handle: (state, actions, match, query) => withService(state, match, (name) => json(eventJson(actions.restart(name, query.get('dependents') !== 'false')), 202)),
  },
  {
    method: 'POST',
    pattern: /^\/api\/v1\/services\/([^/]+)\/recover$/,
    handle: (state, actions, match) => withService(state, match, (name) => json(eventJson(actions.recover(name)), 202)),
  },
  { method: 'GET', pattern: /^\/metrics$/, handle: async (_, actions) => ({ status: 200, body: await actions.metrics(), contentType: 'text/plain; version=0.0.4; charset=utf-8' }) },
];

function withService(state: MonitorState, match: RegExpMatchArray, act: (name: string) => Reply): Reply {
  const name = decodeURIComponent(match[1]!);
  return state.watch(name) ? act(name) : json({ error: `no service named ${name}` }, 404);
}

export function eventJson(event: RecoveryEvent): object {
  return {
    id: event.id,
    service: event.service,
    reason: event.reason,
    started_at: event.startedAt,
    ended_at: event.endedAt ?? null,
    outcome: event.outcome,
    steps: event.steps.map((step) => ({ action: step.action, service: step.service, started_at: step.startedAt, duration_ms: step.durationMs, ok: step.ok, detail: step.detail ?? null })),
  };
}
