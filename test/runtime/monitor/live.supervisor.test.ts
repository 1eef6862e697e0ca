import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSupervisord } from '../../support/tools.js';
import { cleanup, getJson, metricsText, orchgen, serverLog, setSick, startMonitor, token, until, writeLiveStack, type LiveStack } from './live.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();

interface HealthStatus {
  overall_health: string;
  services: Record<string, { health: string; circuit_breaker_state: string }>;
}
interface Event {
  service: string;
  reason: string;
  outcome: string;
  steps: Array<{ action: string; service: string; ok: boolean }>;
}

await describeWithTool('orchgen monitor on a real supervisord', hasSupervisord, () => {
  let stack: LiveStack;
  let monitor: ReturnType<typeof startMonitor>;

  beforeAll(async () => {
    stack = await writeLiveStack('monlivesup', python, (dir) => `targets:\n  supervisor: {log_dir: ${dir}/logs}\n`);
    const up = await orchgen(['up', '-t', 'supervisor', ...stack.flags]);
    expect(up.exitCode, up.all).toBe(0);
    monitor = startMonitor(stack, 'supervisor');
    await until('every service healthy in the monitor', 20_000, async () => ((await getJson<HealthStatus>(stack, '/health/status')).overall_health === 'healthy' ? true : undefined));
  }, 60_000);

  afterAll(async () => {
    monitor?.kill('SIGTERM');
    await monitor;
    if (stack) {
      await orchgen(['down', '-t', 'supervisor', ...stack.flags]);
      cleanup(stack);
    }
  }, 60_000);

  it('restarts a killed service the tool leaves down, then its dependents in order', async () => {
    const before = { db: serverLog(stack, 'db').starts.length, api: serverLog(stack, 'api').starts.length, web: serverLog(stack, 'web').starts.length };
    const killedAt = Date.now() / 1000;
    await execa('kill', ['-KILL', String(serverLog(stack, 'db').starts.at(-1)!.pid)]);
    const event = await until('a recovered db in /api/v1/events', 30_000, async () => (await getJson<Event[]>(stack, '/api/v1/events')).find((e) => e.service === 'db' && e.outcome !== 'running'));
    expect(event.outcome).toBe('recovered');
    expect(event.reason).toMatch(/^the tool gave up on it: killed by signal 9/);
    expect(event.steps.map((s) => `${s.action} ${s.service} ${s.ok}`)).toEqual(['stop web true', 'stop api true', 'stop db true', 'start db true', 'wait db true', 'start api true', 'wait api true', 'start web true', 'wait web true']);
    const [db, api, web] = (['db', 'api', 'web'] as const).map((name) => serverLog(stack, name).starts);
    expect([db!.length - before.db, api!.length - before.api, web!.length - before.web]).toEqual([1, 1, 1]);
    // detected within interval + timeout (0.5 s + 1 s) and a little slack, by the servers' own clocks
    expect(db!.at(-1)!.at - killedAt).toBeLessThan(4);
    expect(db!.at(-1)!.at).toBeLessThan(api!.at(-1)!.at);
    expect(api!.at(-1)!.at).toBeLessThan(web!.at(-1)!.at);
    const status = await execa('supervisorctl', ['-c', `${stack.dir}/state/supervisord.conf`, 'status'], { reject: false });
    expect(status.stdout.split('\n').filter((l) => /\bRUNNING\b/.test(l))).toHaveLength(3);
    expect(await metricsText(stack)).toContain('orchgen_service_restarts_total{service="db",target="supervisor",reason="exited"} 1');
  }, 60_000);

  it('opens the breaker of a failing service, sends it no probe while open, closes it after two successes', async () => {
    setSick(stack, 'db', true);
    await until('db breaker open', 15_000, async () => ((await getJson<HealthStatus>(stack, '/health/status')).services.db!.circuit_breaker_state === 'open' ? true : undefined));
    const openedAt = Date.now() / 1000;
    const metricsOpen = await metricsText(stack);
    expect(metricsOpen).toContain('orchgen_circuit_breaker_state{service="db",target="supervisor",state="open"} 1');
    await new Promise((r) => setTimeout(r, 1_500));
    setSick(stack, 'db', false);
    await until('db breaker closed', 20_000, async () => ((await getJson<HealthStatus>(stack, '/health/status')).services.db!.circuit_breaker_state === 'closed' ? true : undefined));
    const probes = serverLog(stack, 'db').probes;
    // open_for is 3 s: no probe reached the server in the first 2.5 s after the breaker was seen open
    expect(probes.filter((p) => p.at > openedAt && p.at < openedAt + 2.5)).toEqual([]);
    const afterOpen = probes.filter((p) => p.at > openedAt);
    expect(afterOpen.slice(0, 2).map((p) => p.status)).toEqual([200, 200]);
    expect((await getJson<HealthStatus>(stack, '/health/status')).overall_health).toBe('healthy');
  }, 60_000);

  it('refuses a POST without the token and takes one with it', async () => {
    expect((await fetch(`${stack.api}/health/trigger`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${stack.api}/health/trigger`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
