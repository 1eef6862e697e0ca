/**
 * The monitor's REST API over a real MonitorState, on a real socket: every answer is checked against
 * the OpenAPI document in schema/, and the token and read-only rules are enforced.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import type { Model } from '../../../src/model/types.js';
import { serveApi, type ApiServer } from '../../../src/runtime/monitor/api/server.js';
import type { MonitorActions } from '../../../src/runtime/monitor/api/routes.js';
import { MonitorMetrics } from '../../../src/runtime/monitor/metrics.js';
import { MonitorState, type Clocks } from '../../../src/runtime/monitor/state.js';
import { modelOf, spec } from '../../helpers.js';

const openapi = JSON.parse(readFileSync('schema/monitor-api.openapi.json', 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(openapi, 'api');

const yaml = spec(
  'version: 1',
  'project: shop',
  'monitor: { listen: "127.0.0.1:0", circuit_breaker: { failures: 2, open_for: 30s } }',
  'services:',
  '  db:',
  '    image: postgres:16',
  '    ports: ["127.0.0.1:5432:5432"]',
  '    health: { tcp: "127.0.0.1:5432", retries: 1 }',
  '  api:',
  '    command: [./api]',
  '    depends_on: [db]',
  '    health: { http: "http://127.0.0.1:8080/health" }',
  '  web:',
  '    command: [./web]',
  '    essential: false',
  '    depends_on: [api]',
);

let now = 0;
const clocks: Clocks = { now: () => now, wall: () => new Date(Date.UTC(2026, 0, 1) + now) };
const servers: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function stateOf(monitor: Partial<Model['monitor']> = {}): MonitorState {
  const compiled = modelOf(yaml);
  const model = { ...compiled.model!, monitor: { ...compiled.model!.monitor, ...monitor } };
  now = 0;
  return new MonitorState(model, compiled.plan!, 'pm2', clocks);
}

/** Actions that act on the state itself: a trigger records a passing check of every service, a restart or recovery begins a record. */
function actionsOf(state: MonitorState): MonitorActions {
  const metrics = new MonitorMetrics('pm2', state.model.services.map((s) => s.name));
  return {
    trigger: async () => {
      for (const watch of state.watches.values()) watch.record({ ok: true, at: now, responseMs: 2 });
    },
    restart: (name) => state.log.begin(name, 'requested through the API', clocks.wall()),
    recover: (name) => state.log.begin(name, 'recovery requested through the API', clocks.wall()),
    metrics: () => metrics.text(),
  };
}

async function serve(state: MonitorState, token?: string): Promise<ApiServer> {
  const server = await serveApi(state, actionsOf(state), token);
  servers.push(server);
  return server;
}

async function call(server: ApiServer, method: string, path: string, token?: string): Promise<{ status: number; body: unknown; type: string }> {
  const response = await fetch(new URL(path, server.url), { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: type.startsWith('application/json') ? await response.json() : await response.text() };
}

/** Validates a JSON answer against the OpenAPI document's schema for that path, method and status. */
function expectDocumented(template: string, method: string, answer: { status: number; body: unknown }): void {
  const pointer = `api#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${answer.status}/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer);
  if (!validate) throw new Error(`the OpenAPI document has no ${method.toUpperCase()} ${template} ${answer.status}`);
  expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true);
}

describe('monitor API', () => {
  it('answers every GET as documented, from the state', async () => {
    const state = stateOf();
    const server = await serve(state);
    state.watch('db')!.record({ ok: true, at: 1_000, responseMs: 3 });
    state.watch('api')!.record({ ok: false, at: 1_000, responseMs: 12, error: 'HTTP 503' });
    state.watch('api')!.record({ ok: false, at: 2_000, responseMs: 11, error: 'HTTP 503' });
    now = 3_000;
    for (const path of ['/health', '/health/status', '/api/v1/status', '/api/v1/services', '/api/v1/dependencies', '/api/v1/events']) {
      const answer = await call(server, 'GET', path);
      expect(answer.status, path).toBe(200);
      expectDocumented(path, 'get', answer);
    }
    const status = (await call(server, 'GET', '/health/status')).body as { overall_health: string; services: Record<string, { health: string; circuit_breaker_state: string; error_message: string | null; last_check: string }> };
    expect(status.overall_health).toBe('unhealthy');
    expect(status.services.api).toMatchObject({ health: 'circuit_open', circuit_breaker_state: 'open', error_message: 'HTTP 503', last_check: '2026-01-01T00:00:02.000Z' });
    expect(status.services.web!.health).toBe('unknown');
    const services = (await call(server, 'GET', '/api/v1/services')).body as Array<Record<string, unknown>>;
    expect(services.map((s) => [s.name, s.startup_wave, s.shutdown_order, s.dependents, s.endpoint])).toEqual([
      ['db', 1, 3, ['api'], '127.0.0.1:5432'],
      ['api', 2, 2, ['web'], 'http://127.0.0.1:8080'],
      ['web', 3, 1, [], null],
    ]);
    const metrics = await call(server, 'GET', '/metrics');
    expect([metrics.status, metrics.type]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
    expect(metrics.body).toContain('orchgen_service_up{service="db",target="pm2"} 0');
  });

  it('refuses a POST without the token (401) and takes it with the token', async () => {
    const state = stateOf();
    const server = await serve(state, 's3cret');
    const without = await call(server, 'POST', '/health/trigger');
    expect(without.status).toBe(401);
    expectDocumented('/health/trigger', 'post', without);
    expect((await call(server, 'POST', '/health/trigger', 'wrong')).status).toBe(401);
    const triggered = await call(server, 'POST', '/health/trigger', 's3cret');
    expect(triggered.status).toBe(200);
    expectDocumented('/health/trigger', 'post', triggered);
    expect((triggered.body as { overall_health: string }).overall_health).toBe('healthy');
    const restart = await call(server, 'POST', '/api/v1/services/api/restart?dependents=false', 's3cret');
    expect(restart.status).toBe(202);
    expectDocumented('/api/v1/services/{name}/restart', 'post', restart);
    const events = await call(server, 'GET', '/api/v1/events');
    expect((events.body as Array<{ service: string; outcome: string }>).map((e) => [e.service, e.outcome])).toEqual([['api', 'running']]);
    const missing = await call(server, 'POST', '/api/v1/services/nope/recover', 's3cret');
    expect(missing.status).toBe(404);
    expectDocumented('/api/v1/services/{name}/recover', 'post', missing);
  });

  it('refuses every POST when no token was set, and when read-only', async () => {
    const open = await serve(stateOf());
    expect((await call(open, 'POST', '/health/trigger')).status).toBe(401);
    const readOnly = await serve(stateOf({ readOnly: true }), 't');
    const refused = await call(readOnly, 'POST', '/health/trigger', 't');
    expect(refused.status).toBe(403);
    expectDocumented('/health/trigger', 'post', refused);
    expect((await call(readOnly, 'GET', '/health')).status).toBe(200);
  });

  it('will not listen beyond loopback without a token, and there wants it on every request', async () => {
    await expect(serveApi(stateOf({ listen: { host: '0.0.0.0', port: 0 } }), actionsOf(stateOf()), undefined)).rejects.toThrow(
      'monitor.listen 0.0.0.0:0 is reachable beyond this host: set ORCHGEN_MONITOR_TOKEN to the token every request must carry',
    );
    const state = stateOf({ listen: { host: '0.0.0.0', port: 0 } });
    const server = await serve(state, 'tok');
    const local = new URL(server.url);
    local.hostname = '127.0.0.1';
    const loose = { ...server, url: local.toString() };
    expect((await call(loose, 'GET', '/health')).status).toBe(401);
    expect((await call(loose, 'GET', '/health', 'tok')).status).toBe(200);
  });

  it('says 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    const server = await serve(stateOf());
    expect((await call(server, 'GET', '/nope')).status).toBe(404);
    const response = await fetch(new URL('/health/trigger', server.url));
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST']);
  });
  it('closes at once while a client holds a connection it has sent nothing on yet (a browser opens one ahead)', async () => {
    const server = await serveApi(stateOf(), actionsOf(stateOf()), undefined);
    const { hostname, port } = new URL(server.url);
    const held = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => held.once('connect', resolve).once('error', reject));
    const ended = new Promise<void>((resolve) => held.once('close', () => resolve()));
    const began = performance.now();
    await server.close();
    await ended;
    expect(performance.now() - began).toBeLessThan(2_000);
  }, 10_000);
});

describe('status page', () => {
  const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const inline = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);

  it('is served at / as HTML with a Content-Security-Policy that allows only its own script and style', async () => {
    const server = await serve(stateOf());
    const response = await fetch(server.url);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const html = await response.text();
    const policy = new Map((response.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources.join(' ')]));
    const [scripts, styles] = [inline(html, 'script'), inline(html, 'style')];
    expect([scripts.length, styles.length]).toEqual([1, 1]);
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'none'",
      'script-src': hashOf(scripts[0]!),
      'style-src': hashOf(styles[0]!),
      'connect-src': "'self'",
      'img-src': 'data:',
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(openapi.paths['/'].get.responses['200'].content).toHaveProperty(['text/html']);
  });

  it('loads nothing from elsewhere and calls only documented GET endpoints', async () => {
    const html = (await call(await serve(stateOf()), 'GET', '/')).body as string;
    expect(html.match(/https?:\/\/[^\s"'<>]*/g) ?? []).toEqual([]);
    expect([...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((url) => !url!.startsWith('data:'))).toEqual([]);
    const fetched = [...html.matchAll(/'((?:api\/v1|health)\/[^']*)'/g)].map((m) => `/${m[1]}`);
    expect(fetched.sort()).toEqual(['/api/v1/dependencies', '/api/v1/events', '/api/v1/services', '/api/v1/status', '/health/status']);
    for (const path of fetched) expect(openapi.paths[path], path).toHaveProperty('get');
    expect(html).not.toMatch(/method\s*:/);
  });

  it('needs no token beyond loopback, where every API call still does', async () => {
    const server = await serve(stateOf({ listen: { host: '0.0.0.0', port: 0 } }), 'tok');
    const local = { ...server, url: server.url.replace('0.0.0.0', '127.0.0.1') };
    expect((await call(local, 'GET', '/')).status).toBe(200);
    expect((await call(local, 'GET', '/api/v1/status')).status).toBe(401);
    expect((await call(local, 'POST', '/')).status).toBe(405);
  });
});
