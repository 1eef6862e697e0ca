// 6. `orchgen monitor` on a stack of many services under supervisord: the monitor's own CPU time
// and memory in steady state, and, for services killed behind the tool's back (restart "no", so
// supervisord leaves them down), how long until the monitor began the recovery (detection) and
// until the service answered its health check again (time to recover), against the bound
// interval + timeout + the service's own start.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const INTERVAL_MS = 5_000;
const TIMEOUT_MS = 1_000;
const TOKEN = 'bench-monitor-token';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** utime + stime of the process and of the children it waited for, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ([11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * 1000) / ticksPerSecond;
}

function rssMB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function getJson(api, path) {
  const response = await fetch(`${api}${path}`, { signal: AbortSignal.timeout(5_000) });
  return response.json();
}

/** Whether a server can listen on the port now. */
function listenable(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Free ports below the kernel's range for outgoing connections (32768 and up here): a port taken
 * from that range can be the source port of a probe by the time its server starts.
 */
async function fixedPorts(count, from = 21_000) {
  const ports = [];
  for (let port = from; ports.length < count && port < 32_000; port++) if (await listenable(port)) ports.push(port);
  return ports;
}

async function writeMonitoredStack(ctx, dir, services) {
  const stamps = join(dir, 'stamps');
  mkdirSync(stamps, { recursive: true });
  const [apiPort, ...ports] = await fixedPorts(services + 1);
  const lines = [
    'version: 1',
    'project: benchmon',
    'defaults:',
    '  restart: "no"',
    '  stop: {timeout: 3s}',
    `monitor: {listen: "127.0.0.1:${apiPort}", interval: ${INTERVAL_MS / 1000}s, recovery: {attempts: 3, delay: 200ms}}`,
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    const name = `s${String(i).padStart(3, '0')}`;
    const port = ports[i];
    lines.push(
      `  ${name}:`,
      `    command: ${JSON.stringify([ctx.python, ctx.server, '--name', name, '--port', String(port), '--delay', '0.2', '--stamps', stamps])}`,
      `    health: {http: "http://127.0.0.1:${port}/health", interval: ${INTERVAL_MS / 1000}s, timeout: ${TIMEOUT_MS / 1000}s, retries: 1}`,
    );
  }
  lines.push('targets:', `  supervisor: {log_dir: ${dir}/logs}`);
  const spec = join(dir, 'orchgen.yaml');
  writeFileSync(spec, `${lines.join('\n')}\n`);
  return { spec, stamps, api: `http://127.0.0.1:${apiPort}` };
}

/** The service's newest start and ready stamps, in ms since the epoch. */
function lastStart(stamps, name) {
  const last = (kind) => Number(readFileSync(join(stamps, `${name}.${kind}`), 'utf8').trim().split('\n').at(-1)) * 1000;
  return { start: last('start'), ready: last('ready') };
}

async function waitHealthy(api, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const status = await getJson(api, '/health/status').catch(() => null);
    if (status?.overall_health === 'healthy') return true;
    await sleep(250);
  }
  return false;
}

/** Kills one service's server and follows its recovery in the monitor's events. */
async function killAndRecover(ctx, stack, name) {
  const pid = Number(spawnSync('pgrep', ['-f', '--', `--name ${name} --port`], { encoding: 'utf8' }).stdout.trim().split('\n')[0]);
  // pid 0 would signal the bench's own process group
  if (!Number.isSafeInteger(pid) || pid <= 0) return { name, error: 'its server is not running' };
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  const deadline = killedAt + 60_000;
  while (Date.now() < deadline) {
    await sleep(25);
    const event = (await getJson(stack.api, '/api/v1/events').catch(() => [])).find((e) => e.service === name && Date.parse(e.started_at) >= killedAt - 1_000);
    if (!event || event.outcome === 'running') continue;
    if (event.outcome !== 'recovered') return { name, error: `outcome ${event.outcome}` };
    const { start, ready } = lastStart(stack.stamps, name);
    return { name, detectionMs: Date.parse(event.started_at) - killedAt, recoverMs: ready - killedAt, boundMs: INTERVAL_MS + TIMEOUT_MS + (ready - start) };
  }
  return { name, error: 'no recovery within 60 s' };
}

/** The monitor's CPU (% of one core) and RSS over `ms`, sampled each second. */
async function steadyState(pid, ms) {
  const cpu0 = cpuMs(pid);
  const t0 = Date.now();
  const rss = [];
  while (Date.now() - t0 < ms) {
    rss.push(rssMB(pid));
    await sleep(1_000);
  }
  return { cpuPercent: ((cpuMs(pid) - cpu0) / (Date.now() - t0)) * 100, rssMB: rss.sort((a, b) => a - b) };
}

export async function monitorBench(report, ctx) {
  const services = ctx.quick ? 20 : 100;
  const kills = ctx.quick ? 3 : 10;
  const dir = join(ctx.tmp, 'monitor');
  const stack = await writeMonitoredStack(ctx, dir, services);
  const env = { ...process.env, NO_COLOR: '1', ORCHGEN_MONITOR_TOKEN: TOKEN };
  ctx.log(`monitor: ${services} services under supervisord, interval ${INTERVAL_MS / 1000} s`);
  const up = spawnSync(process.execPath, [ctx.cli, 'up', '-f', stack.spec, '-t', 'supervisor'], { env, encoding: 'utf8', timeout: 600_000 });
  if (up.status !== 0) {
    report.monitor = { services, error: `up exited ${up.status}: ${`${up.stdout}\n${up.stderr}`.split('\n').filter((l) => /error|failed|gave up/i.test(l)).slice(0, 2).join(' | ')}` };
    spawnSync(process.execPath, [ctx.cli, 'down', '-f', stack.spec, '-t', 'supervisor'], { env, timeout: 300_000 });
    return;
  }
  const monitor = spawn(process.execPath, [ctx.cli, 'monitor', '-f', stack.spec, '-t', 'supervisor'], { env, stdio: 'ignore' });
  try {
    if (!(await waitHealthy(stack.api, 120_000))) throw new Error('the monitor did not see every service healthy within 120 s');
    const steady = await steadyState(monitor.pid, ctx.quick ? 15_000 : 60_000);
    ctx.log(`  monitor steady state: ${steady.cpuPercent.toFixed(1)}% of a core, RSS ${steady.rssMB.at(-1).toFixed(0)} MB`);
    const results = [];
    for (let k = 0; k < kills; k++) {
      // kills land at spread phases of the check interval
      await sleep(1_000 + ((k * 1_913) % INTERVAL_MS));
      const result = await killAndRecover(ctx, stack, `s${String(k * 7 % services).padStart(3, '0')}`);
      results.push(result);
      ctx.log(`  kill ${k + 1}: ${result.error ?? `detected after ${ctx.fmtS(result.detectionMs)}, healthy again after ${ctx.fmtS(result.recoverMs)} (bound ${ctx.fmtS(result.boundMs)})`}`);
    }
    const ok = results.filter((r) => !r.error);
    report.monitor = {
      services,
      intervalMs: INTERVAL_MS,
      timeoutMs: TIMEOUT_MS,
      cpuPercent: steady.cpuPercent,
      rssMB: ctx.stats(steady.rssMB),
      kills: results,
      detectionMs: ctx.stats(ok.map((r) => r.detectionMs)),
      recoverMs: ctx.stats(ok.map((r) => r.recoverMs)),
      withinBound: ok.filter((r) => r.recoverMs <= r.boundMs).length,
    };
  } catch (error) {
    report.monitor = { services, error: error.message };
  } finally {
    monitor.kill('SIGTERM');
    await new Promise((r) => (monitor.exitCode !== null ? r() : monitor.on('exit', r)));
    spawnSync(process.execPath, [ctx.cli, 'down', '-f', stack.spec, '-t', 'supervisor'], { env, timeout: 300_000 });
  }
}

export function monitorSection(L, m, { fmtS, fmtMB }) {
  L.push(`## 6. \`monitor\`: ${m.services} services under supervisord, checks every ${fmtS(m.intervalMs)} with a ${fmtS(m.timeoutMs)} timeout`, '');
  if (m.error) {
    L.push(`Not measured: ${m.error}.`, '');
    return;
  }
  L.push('| measure | median | p95 | max |', '| --- | ---: | ---: | ---: |');
  L.push(`| monitor RSS (sampled each second for the steady state) | ${fmtMB(m.rssMB.median)} | ${fmtMB(m.rssMB.p95)} | ${fmtMB(m.rssMB.max)} |`);
  L.push(`| detection: kill to the recovery's start (${m.kills.length} kills) | ${fmtS(m.detectionMs.median)} | ${fmtS(m.detectionMs.p95)} | ${fmtS(m.detectionMs.max)} |`);
  L.push(`| time to recover: kill to the new process ready | ${fmtS(m.recoverMs.median)} | ${fmtS(m.recoverMs.p95)} | ${fmtS(m.recoverMs.max)} |`);
  L.push('', `Monitor CPU in the steady state: ${m.cpuPercent.toFixed(1)}% of one core (its user and system time, and its children's). ${m.withinBound} of ${m.kills.length} recoveries within their bound (interval + timeout + the service's own start, from its start and ready stamps).`, '');
  const failed = m.kills.filter((k) => k.error);
  if (failed.length) L.push(`Failed: ${failed.map((k) => `${k.name}: ${k.error}`).join('; ')}.`, '');
}

export function monitorTargets(m, add, fmtS) {
  if (!m || m.error) return;
  add(`monitor: every recovery within interval + timeout + the service's start`, `${m.withinBound} of ${m.kills.length}`, m.withinBound === m.kills.length);
  add(`monitor: detection p95 ≤ interval + timeout (${fmtS(m.intervalMs + m.timeoutMs)})`, fmtS(m.detectionMs.p95), m.detectionMs.p95 <= m.intervalMs + m.timeoutMs);
}
