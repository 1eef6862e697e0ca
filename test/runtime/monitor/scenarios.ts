import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanup, getJson, metricsText, orchgen, serverLog, setSick, startMonitor, token, until, writeLiveStack, type InImage, type LiveStack } from './live.js';

export interface MonitorTarget {
  target: string;
  project: string;
  python: string;
  /** The environment the CLI runs in (PM2_HOME for PM2). */
  env?: Record<string, string>;
  /** Spec lines the target needs (supervisord's log_dir). */
  extra?: (dir: string) => string;
  /** How many of the stack's services the tool itself says are running. */
  running(stack: LiveStack): Promise<number>;
  /** Runs the servers in this image instead of as host processes. */
  inImage?: InImage;
  /** Kills a service's server with SIGKILL behind its tool's back (default: its pid on this host). */
  kill?(stack: LiveStack, name: string, pid: number): Promise<void>;
  /** A server's resident bytes as the kernel counts them (default: /proc/<pid>/statm on this host). */
  residentBytes?(pid: number): Promise<number>;
  /** Where the CLI runs (default: the built CLI on this host). */
  cli?: MonitorCli;
  /** The folder the stack's own folder is made in (default: the system's temporary folder). */
  root?: string;
}

/** Runs `up`/`down` and starts `monitor`, with the CLI wherever the tool is. */
export interface MonitorCli {
  run(args: string[], env?: Record<string, string>): Promise<{ exitCode?: number; all?: string }>;
  startMonitor(stack: LiveStack, target: string, env?: Record<string, string>): { stop(): Promise<void> };
}

const hostCli: MonitorCli = {
  run: (args, env) => orchgen(args, env),
  startMonitor(stack, target, env) {
    const child = startMonitor(stack, target, env);
    return {
      async stop() {
        child.kill('SIGTERM');
        await child;
      },
    };
  },
};

const hostResidentBytes = async (pid: number) => Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;

interface HealthStatus {
  overall_health: string;
  services: Record<string, { health: string; circuit_breaker_state: string }>;
}
interface Event {
  service: string;
  started_at: string;
  reason: string;
  outcome: string;
  steps: Array<{ action: string; service: string; ok: boolean }>;
}

/** The monitor's scenarios on one real tool: a killed service recovered with its dependents, a breaker, the token. */
export function monitorScenarios(t: MonitorTarget): void {
  let stack: LiveStack;
  let monitor: ReturnType<MonitorCli['startMonitor']> | undefined;
  const cli = t.cli ?? hostCli;

  beforeAll(async () => {
    stack = await writeLiveStack(t.project, t.python, t.extra ?? (() => ''), t.inImage, t.root);
    const up = await cli.run(['up', '-t', t.target, ...stack.flags], t.env);
    expect(up.exitCode, up.all).toBe(0);
    monitor = cli.startMonitor(stack, t.target, t.env);
    await until('every service healthy in the monitor', 20_000, async () => ((await getJson<HealthStatus>(stack, '/health/status')).overall_health === 'healthy' ? true : undefined));
  }, 60_000);

  afterAll(async () => {
    await monitor?.stop();
    if (stack) {
      await cli.run(['down', '-t', t.target, ...stack.flags], t.env);
      cleanup(stack);
    }
  }, 60_000);

  it('measures each service\'s CPU time and resident memory, as the kernel counts its processes', async () => {
    const series = (text: string, name: string) => Number(new RegExp(`^${name}\\{service="db",target="${t.target}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 'NaN');
    const text = await until('the resources of db in /metrics', 15_000, async () => {
      const metrics = await metricsText(stack);
      return series(metrics, 'orchgen_service_memory_resident_bytes') > 0 && series(metrics, 'orchgen_service_cpu_seconds_total') > 0 ? metrics : undefined;
    });
    const memory = series(text, 'orchgen_service_memory_resident_bytes');
    // The server alone, as the kernel counts it (its pid is this host's where it runs as a host process).
    const pid = serverLog(stack, 'db').starts.at(-1)!.pid;
    const serverBytes = t.inImage ? 4 << 20 : await (t.residentBytes ?? hostResidentBytes)(pid);
    expect(memory).toBeGreaterThanOrEqual(serverBytes * 0.8);
    expect(memory).toBeLessThan(1 << 30);
  }, 30_000);

  it('restarts a killed service the tool leaves down, then its dependents in order', async () => {
    const before = { db: serverLog(stack, 'db').starts.length, api: serverLog(stack, 'api').starts.length, web: serverLog(stack, 'web').starts.length };
    const killedAt = Date.now() / 1000;
    const pid = serverLog(stack, 'db').starts.at(-1)!.pid;
    await (t.kill ? t.kill(stack, 'db', pid) : Promise.resolve(process.kill(pid, 'SIGKILL')));
    const killReturnedAt = Date.now() / 1000;
    const event = await until('a recovered db in /api/v1/events', 30_000, async () => (await getJson<Event[]>(stack, '/api/v1/events')).find((e) => e.service === 'db' && e.outcome !== 'running'));
    expect(event.outcome).toBe('recovered');
    expect(event.reason).toMatch(/^the tool gave up on it: killed by signal 9/);
    expect(event.steps.map((s) => `${s.action} ${s.service} ${s.ok}`)).toEqual(['stop web true', 'stop api true', 'stop db true', 'start db true', 'wait db true', 'start api true', 'wait api true', 'start web true', 'wait web true']);
    const [db, api, web] = (['db', 'api', 'web'] as const).map((name) => serverLog(stack, name).starts);
    expect([db!.length - before.db, api!.length - before.api, web!.length - before.web]).toEqual([1, 1, 1]);
    const began = Date.parse(event.started_at) / 1000;
    console.log(`${t.target}: recovery of db began ${(began - killedAt).toFixed(2)} s after the kill was sent, ${(began - killReturnedAt).toFixed(2)} s after it returned (interval + timeout: 1.5 s)`);
    // detected (the recovery begun) within interval + timeout (0.5 s + 1 s) of the server's death,
    // which came before the kill returned
    expect(began - killReturnedAt).toBeLessThan(1.5);
    expect(db!.at(-1)!.at).toBeGreaterThan(killedAt);
    expect(db!.at(-1)!.at).toBeLessThan(api!.at(-1)!.at);
    expect(api!.at(-1)!.at).toBeLessThan(web!.at(-1)!.at);
    expect(await t.running(stack)).toBe(3);
    expect(await metricsText(stack)).toContain(`orchgen_service_restarts_total{service="db",target="${t.target}",reason="exited"} 1`);
  }, 60_000);

  it('opens the breaker of a failing service after five failures, sends it no probe while open, half-opens, closes it after two successes', async () => {
    const sickAt = Date.now() / 1000;
    setSick(stack, 'db', true);
    const opened = await until('db breaker open', 15_000, async () => {
      const status = await getJson<HealthStatus>(stack, '/health/status');
      return status.services.db!.circuit_breaker_state === 'open' ? status : undefined;
    });
    const openedAt = Date.now() / 1000;
    // db is essential: the stack is unhealthy while its breaker is open
    expect(opened.overall_health).toBe('unhealthy');
    expect(await metricsText(stack)).toContain(`orchgen_circuit_breaker_state{service="db",target="${t.target}",state="open"} 1`);
    await new Promise((r) => setTimeout(r, 1_500));
    setSick(stack, 'db', false);
    const seen = await breakerStatesUntilClosed(stack, 'db', t.target, 30_000);
    console.log(`${t.target}: db's breaker in /health/status: ${seen.status.join(' → ')}; in /metrics: ${seen.metrics.join(' → ')}`);
    // a half-open probe that fails (the recovery may still be restarting db) opens it again
    for (const states of [seen.status, seen.metrics]) expect(states.join(' ')).toMatch(/^open( half_open open)* half_open closed$/);
    const probes = serverLog(stack, 'db').probes.filter((p) => p.from === 'monitor');
    // the breaker opened on the fifth failing probe: no probe of the monitor's reached the server
    // in the first 2.5 s of open_for's 3 s (Docker's own health checks, inside the container, go on)
    expect(probes.filter((p) => p.at > sickAt && p.at < openedAt && p.status !== 200).length).toBe(5);
    expect(probes.filter((p) => p.at > openedAt && p.at < openedAt + 2.5)).toEqual([]);
    expect(probes.filter((p) => p.at > openedAt).slice(0, 2).map((p) => p.status)).toEqual([200, 200]);
    expect((await getJson<HealthStatus>(stack, '/health/status')).overall_health).toBe('healthy');
  }, 60_000);

  it('gives up on an optional service once its attempts are used up: degraded, and no restart storm', async () => {
    setSick(stack, 'web', true);
    const given = await until('web given up', 60_000, async () =>
      (await getJson<Event[]>(stack, '/api/v1/events')).find((e) => e.service === 'web' && e.steps.some((s) => s.action === 'attempts-used')),
    );
    expect(given.outcome).toBe('failed');
    expect(given.steps.map((s) => `${s.action} ${s.service} ${s.ok}`)).toEqual(['attempts-used web false']);
    const restarts = (text: string) => text.split('\n').find((l) => l.startsWith(`orchgen_service_restarts_total{service="web",target="${t.target}",reason="unhealthy"}`));
    const counted = restarts(await metricsText(stack));
    expect(counted).toMatch(/ 1$/);
    const starts = serverLog(stack, 'web').starts.length;
    await new Promise((r) => setTimeout(r, 5_000));
    expect([restarts(await metricsText(stack)), serverLog(stack, 'web').starts.length]).toEqual([counted, starts]);
    const status = await getJson<HealthStatus>(stack, '/health/status');
    expect([status.overall_health, status.services.web!.health, status.services.db!.health]).toEqual(['degraded', expect.stringMatching(/^(unhealthy|circuit_open)$/), 'healthy']);
    setSick(stack, 'web', false);
  }, 90_000);

  it('refuses a POST without the token and takes one with it', async () => {
    expect((await fetch(`${stack.api}/health/trigger`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${stack.api}/health/trigger`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });
}

/** The breaker states of one service as /health/status and /metrics show them, each change once, read every 100 ms until closed. */
async function breakerStatesUntilClosed(stack: LiveStack, name: string, target: string, timeoutMs: number): Promise<{ status: string[]; metrics: string[] }> {
  const seen = { status: [] as string[], metrics: [] as string[] };
  const note = (list: string[], state: string | undefined) => (state !== undefined && list.at(-1) !== state ? list.push(state) : undefined);
  const series = new RegExp(`^orchgen_circuit_breaker_state\\{service="${name}",target="${target}",state="(\\w+)"\\} 1$`, 'm');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    note(seen.status, (await getJson<HealthStatus>(stack, '/health/status')).services[name]!.circuit_breaker_state);
    note(seen.metrics, series.exec(await metricsText(stack))?.[1]);
    if (seen.status.at(-1) === 'closed' && seen.metrics.at(-1) === 'closed') return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name}'s breaker did not close in ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`);
}
